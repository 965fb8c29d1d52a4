// SQL for personal access tokens: the member's list, revoking, and resolving a presented token to
// its member (one statement, which also notes the use at most once a minute).
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import type { Role } from '../../shared/identity.js';
import type { Scope } from './tokens.model.js';

export interface TokenRow {
  id: number;
  name: string;
  scopes: Scope[];
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, scopes, prefix, created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** The member's tokens, newest first (revoked and expired ones too, so the member sees what happened). */
export const tokensOf = (db: Queryable, userId: number) =>
  rows<TokenRow>(db, `SELECT ${COLUMNS} FROM personal_access_tokens WHERE user_id = $1 ORDER BY id DESC`, [userId]);

/** Revokes the member's token `id` if it is theirs and not yet revoked; its name, or null. */
export async function revokeToken(db: Queryable, userId: number, id: number): Promise<TokenRow | null> {
  return one<TokenRow>(db,
    `UPDATE personal_access_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id, userId]);
}

/** Whether the member has a token with this id (revoked or not). */
export const ownsToken = async (db: Queryable, userId: number, id: number): Promise<boolean> =>
  !!(await one(db, `SELECT 1 FROM personal_access_tokens WHERE id = $1 AND user_id = $2`, [id, userId]));

/** Who a token stands for. */
export interface TokenMember {
  id: number;
  role: Role;
  handle: string;
  name: string;
  language: 'de' | 'en';
  administrationId: number | null;
}

export interface ResolvedToken {
  tokenId: number;
  scopes: Scope[];
  member: TokenMember;
}

/**
 * The token with this hash, if it is neither revoked nor expired and its member is active; notes
 * the use (last_used_at) when the last note is older than a minute, so a feed reader polling every
 * few seconds writes once a minute, not per request.
 */
export async function resolveTokenHash(db: Queryable, hash: string): Promise<ResolvedToken | null> {
  const row = await one<{ tokenId: number; scopes: Scope[] } & TokenMember>(db,
    `WITH found AS (
       SELECT p.id AS "tokenId", p.scopes, p.last_used_at, u.id, u.role, u.handle, u.name, u.language, u.administration_id AS "administrationId"
         FROM personal_access_tokens p JOIN users u ON u.id = p.user_id
        WHERE p.token_hash = $1 AND p.revoked_at IS NULL AND (p.expires_at IS NULL OR p.expires_at > now()) AND u.status = 'active'
     ), noted AS (
       UPDATE personal_access_tokens SET last_used_at = now()
        WHERE id = (SELECT "tokenId" FROM found) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
     )
     SELECT "tokenId", scopes, id, role, handle, name, language, "administrationId" FROM found`,
    [hash]);
  if (!row) return null;
  const { tokenId, scopes, ...member } = row;
  return { tokenId, scopes, member };
}

/** For the data download: every token of the member, without the hash. */
export const tokensForExport = (db: Queryable, userId: number) =>
  rows(db, `SELECT ${COLUMNS} FROM personal_access_tokens WHERE user_id = $1 ORDER BY id`, [userId]);

export const deleteTokensOf = (db: Queryable, userId: number) =>
  affected(db, `DELETE FROM personal_access_tokens WHERE user_id = $1`, [userId]);

export interface AdminTokenRow extends TokenRow {
  userId: number;
  memberName: string;
  memberHandle: string;
}

/** Admins: every token that still works (neither revoked nor expired), newest first, one page with the total. */
export async function activeTokens(db: Queryable, page: { limit: number; offset: number }): Promise<{ rows: AdminTokenRow[]; total: number }> {
  const list = await rows<AdminTokenRow & { total: string }>(db,
    `SELECT p.id, p.name, p.scopes, p.prefix, p.created_at AS "createdAt", p.expires_at AS "expiresAt", p.last_used_at AS "lastUsedAt",
            p.revoked_at AS "revokedAt", p.user_id AS "userId", u.name AS "memberName", u.handle AS "memberHandle", count(*) OVER () AS total
       FROM personal_access_tokens p JOIN users u ON u.id = p.user_id
      WHERE p.revoked_at IS NULL AND (p.expires_at IS NULL OR p.expires_at > now())
      ORDER BY p.id DESC LIMIT $1 OFFSET $2`,
    [page.limit, page.offset]);
  return { rows: list, total: list.length ? Number(list[0]!.total) : 0 };
}

/** Admins: revokes any member's token `id` if not yet revoked; the row, or null. */
export const revokeAnyToken = (db: Queryable, id: number) => one<TokenRow & { userId: number }>(db,
  `UPDATE personal_access_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}, user_id AS "userId"`, [id]);

export const tokenExists = async (db: Queryable, id: number): Promise<boolean> =>
  !!(await one(db, `SELECT 1 FROM personal_access_tokens WHERE id = $1`, [id]));
