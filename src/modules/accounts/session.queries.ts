// Reading a request's session, its member and what every page shows of that member in ONE statement.
// Without it a signed-in page view began with three round trips before the page's own reads: the
// session row (express-session's store), the member (passport's deserializeUser) and the unread
// count (the notification bell). The session row names the member (`sess.passport.user`), so the
// member and the per-member values modules ask for (`sessionReads` in the module contract) are
// joined to it here; passport and the modules take them from the request instead of asking again.
import crypto from 'node:crypto';
import type { Request } from 'express';
import type session from 'express-session';
import type { Pool } from 'pg';
import type { SessionUser } from '../../shared/identity.js';
import type { PraxisModule } from '../module.js';
import type { SessionRow } from '../../shared/session-row.js';

/** The member columns of a session user; `u` is users, `a` the member's administration. */
export const SESSION_USER_COLUMNS = `u.id, u.handle, u.name, u.email, u.role, u.status, u.language,
            u.administration_id AS "administrationId", a.name AS "administrationName", a.slug AS "administrationSlug",
            (u.totp_enabled_at IS NOT NULL) AS "totpEnabled"`;

// A symbol key travels with the session object from the store's `get` to `createSession` (where the
// request is known) without becoming part of the session: JSON (and so express-session's "was the
// session changed" hash and the stored row) leaves symbol keys out.
const ROW = Symbol('praxis.sessionRow');
type Sess = session.SessionData & { [ROW]?: SessionRow };

/** The member's id as the session names it, checked in SQL (a malformed value names nobody). */
const SESSION_MEMBER = `CASE WHEN s.sess->'passport'->>'user' ~ '^[0-9]{1,9}$' THEN (s.sess->'passport'->>'user')::int END`;

export function sessionStatement(modules: readonly PraxisModule[]): { name: string; text: string; keys: string[] } {
  const extras = modules.flatMap((m) => Object.entries(m.sessionReads ?? {}));
  const keys = extras.map(([key]) => key);
  const text = `SELECT s.sess, ${SESSION_USER_COLUMNS}${extras.map(([, sql], i) => `,\n            CASE WHEN u.id IS NOT NULL THEN ${sql} END AS "r${i}"`).join('')}
       FROM "session" s
       LEFT JOIN users u ON u.id = ${SESSION_MEMBER}
       LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`;
  // A statement name always goes with one text (per connection); apps built with other modules
  // (tests) get their own name.
  const name = `session-get-${crypto.createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
  return { name, text, keys };
}

/**
 * Replaces the store's `get` with the one statement and hands its findings to the request
 * (`req.sessionRow`). Same session semantics as connect-pg-simple's own `get` (the column is json,
 * an expired row is no session).
 */
export function installSessionRead(store: session.Store, pool: Pool, modules: readonly PraxisModule[]): void {
  const { name, text, keys } = sessionStatement(modules);
  store.get = (sid, callback) => {
    pool.query({ name, text, values: [sid, Math.ceil(Date.now() / 1000)] }).then((r) => {
      const found = r.rows[0] as (SessionUser & { sess: Sess; [k: string]: unknown }) | undefined;
      if (!found) return callback(null, null);
      const { sess } = found;
      const named = sess.passport?.user;
      const active = found.id != null && found.status === 'active';
      sess[ROW] = {
        userId: typeof named === 'number' ? named : null,
        user: active ? {
          id: found.id, handle: found.handle, name: found.name, email: found.email, role: found.role, status: found.status,
          language: found.language, administrationId: found.administrationId, administrationName: found.administrationName,
          administrationSlug: found.administrationSlug, totpEnabled: found.totpEnabled,
        } : null,
        reads: active ? Object.fromEntries(keys.map((k, i) => [k, found[`r${i}`]])) : {},
      };
      callback(null, sess);
    }, (err: Error) => callback(err));
  };
  const create = store.createSession.bind(store);
  store.createSession = (req, sess: Sess) => {
    const row = sess[ROW];
    if (row) {
      delete sess[ROW];
      (req as Request).sessionRow = row;
    }
    return create(req, sess);
  };
}
