// Resolving a presented token for other modules (feeds now, the JSON API later). A request may
// carry one in `Authorization: Bearer …` or, for feed readers that cannot set headers, in `?token=`.
// The session cookie is never a substitute: a request without a token is a visitor's.
import type { Request } from 'express';
import type { Queryable } from '../../db/sql.js';
import { tokenHashOf } from './tokens.model.js';
import { resolveTokenHash, type ResolvedToken } from './tokens.store.js';

/** The token text the request presents (header first), or undefined when it presents none. */
export function presentedToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1]! : header; // a malformed header is a presented (and so refused) token, not none
  }
  const q = req.query.token;
  if (q === undefined) return undefined;
  return typeof q === 'string' ? q : '';
}

/** ok: the member and scopes; refused: malformed, unknown, revoked, expired, or the member is not active. */
export type AccessTokenResult = { ok: true; token: ResolvedToken } | { ok: false };

export async function resolveAccessToken(db: Queryable, presented: string): Promise<AccessTokenResult> {
  const hash = tokenHashOf(presented.trim());
  if (!hash) return { ok: false };
  const token = await resolveTokenHash(db, hash);
  return token ? { ok: true, token } : { ok: false };
}
