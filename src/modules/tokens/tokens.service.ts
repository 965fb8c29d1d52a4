// Writes for personal access tokens: create (the token is returned once, only its hash is kept) and
// revoke, each with an audit entry in the same transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import { PersonalAccessToken } from './access-token.entity.js';
import { expiryDate, newAccessToken } from './tokens.model.js';
import type { CreateTokenInput } from './tokens.schemas.js';
import { ownsToken, revokeAnyToken, revokeToken, tokenExists } from './tokens.store.js';

export interface CreatedToken {
  id: number;
  name: string;
  /** The token itself: shown to the member on this one response, never again. */
  token: string;
  expiresAt: Date | null;
}

export async function createToken(ctx: AppContext, userId: number, input: CreateTokenInput): Promise<CreatedToken> {
  const { token, hash, prefix } = newAccessToken();
  const expiresAt = expiryDate(input.expiry);
  return inTransaction(ctx.ds, async (db) => {
    const inserted = await db.insert(PersonalAccessToken, { userId, name: input.name, scopes: input.scopes, tokenHash: hash, prefix, expiresAt });
    const id = inserted.identifiers[0]!.id as number;
    await recordAudit(db, {
      actorId: userId, action: 'token.created', subjectType: 'user', subjectId: userId,
      details: { token: id, name: input.name, scopes: input.scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id, name: input.name, token, expiresAt };
  });
}

/** Revokes the member's own token; someone else's (or an unknown id) is "not found". Revoking twice changes nothing. */
export async function revokeOwnToken(ctx: AppContext, userId: number, id: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const revoked = await revokeToken(db, userId, id);
    if (!revoked) {
      if (await ownsToken(db, userId, id)) return;
      throw notFound();
    }
    await recordAudit(db, { actorId: userId, action: 'token.revoked', subjectType: 'user', subjectId: userId, details: { token: id, name: revoked.name } });
  });
}

/**
 * An admin revokes a member's token (a lost laptop, a leaving member). Audited with the admin as
 * actor and the member as subject; an unknown id is "not found", a revoked token stays as it is.
 */
export async function revokeTokenAsAdmin(ctx: AppContext, adminId: number, id: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const revoked = await revokeAnyToken(db, id);
    if (!revoked) {
      if (await tokenExists(db, id)) return;
      throw notFound();
    }
    await recordAudit(db, { actorId: adminId, action: 'token.revoked', subjectType: 'user', subjectId: revoked.userId, details: { token: id, name: revoked.name } });
  });
}
