// Helpers for account tests: the state of one member in the database (to prove a refused request
// changed nothing), session rows behind a cookie, TOTP codes, and a private database for tests
// that need the whole users table to themselves (e.g. "the last admin").
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { totpCode, totpStep } from '../../src/shared/totp.js';
import { uniq } from './factories.js';

/** Everything stored about one member, plus the mail queued to them, as comparable JSON. */
export async function memberState(ds: DataSource, userId: number): Promise<unknown> {
  const [user] = await ds.query(`SELECT * FROM users WHERE id = $1`, [userId]);
  const tokens = await ds.query(`SELECT id, purpose, used_at, expires_at FROM user_tokens WHERE user_id = $1 ORDER BY id`, [userId]);
  const codes = await ds.query(`SELECT id, used_at FROM user_recovery_codes WHERE user_id = $1 ORDER BY id`, [userId]);
  const sessions = await ds.query(
    `SELECT sid FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1 ORDER BY sid`, [userId]);
  const audit = await ds.query(
    `SELECT id FROM audit_log WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $2) ORDER BY id`, [userId, String(userId)]);
  const mail = user
    ? await ds.query(`SELECT id FROM outbox WHERE topic = 'mail.send' AND payload->>'to' = $1 ORDER BY id`, [user.email])
    : [];
  return JSON.parse(JSON.stringify({ user, tokens, codes, sessions, audit, mail }));
}

/** The session id inside a `praxis.sid` cookie from a Set-Cookie header (or undefined). */
export function sidFrom(setCookie: string[] | string | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const raw = list.map((c) => c.match(/^praxis\.sid=([^;]+)/)?.[1]).find(Boolean);
  if (!raw) return undefined;
  const value = decodeURIComponent(raw); // "s:<sid>.<signature>"
  return value.slice(2, value.lastIndexOf('.'));
}

export async function sessionsOf(ds: DataSource, userId: number): Promise<{ sid: string; sess: Record<string, unknown>; expire: Date }[]> {
  return ds.query(`SELECT sid, sess, expire FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1`, [userId]);
}

/** A code the server accepts as "the next 30 s step" (one step of drift is allowed). */
export const nextTotpCode = (secret: string) => totpCode(secret, totpStep() + 1);
export const currentTotpCode = (secret: string) => totpCode(secret, totpStep());

/**
 * A database of its own for one test file (on the same server as the shared test database):
 * pass `env` to useTestApp AFTER calling this, so the app connects to it once it exists.
 */
export function usePrivateDatabase(extra: Record<string, string> = {}): Record<string, string> {
  // Filled in beforeAll: pass this very object (never a copy such as `{ ...usePrivateDatabase() }`,
  // which would leave the app on the shared database); other settings go in `extra`.
  const env: Record<string, string> = { ...extra };
  const base = process.env.TEST_DATABASE_URL!;
  const name = uniq('praxis_private_');
  const admin = () => new pg.Client({ connectionString: base });
  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return env;
}
