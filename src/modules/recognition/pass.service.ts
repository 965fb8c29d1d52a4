// Writes of the Kompetenzpass settings: visibility and the share link. The share token is shown
// once, when it is made; only its SHA-256 is kept (like the events' calendar feeds), so a member
// who lost the link makes a new one, and the old one stops working.
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../../db/transaction.js';
import { forbidden } from '../../shared/errors.js';
import { sha256, type Actor } from '../../shared/identity.js';
import type { AppContext } from '../module.js';
import type { PassVisibility } from './pass.entity.js';
import { passPolicy } from './pass.policy.js';
import * as store from './pass.store.js';

function authorize(actor: Actor | undefined, ownerId: number): asserts actor is Actor {
  if (!passPolicy.canManage(actor, ownerId)) throw forbidden();
}

export async function setPassVisibility(ctx: AppContext, actor: Actor | undefined, ownerId: number, visibility: PassVisibility): Promise<void> {
  authorize(actor, ownerId);
  await inTransaction(ctx.ds, (db) => store.saveVisibility(db, ownerId, visibility));
}

/** A new share token (returned once, to show); the previous link, if any, stops working. */
export async function newPassShareLink(ctx: AppContext, actor: Actor | undefined, ownerId: number): Promise<string> {
  authorize(actor, ownerId);
  const token = randomBytes(32).toString('base64url');
  await inTransaction(ctx.ds, (db) => store.replaceShareToken(db, ownerId, sha256(token)));
  return token;
}

export async function revokePassShareLink(ctx: AppContext, actor: Actor | undefined, ownerId: number): Promise<void> {
  authorize(actor, ownerId);
  await inTransaction(ctx.ds, (db) => store.clearShareToken(db, ownerId));
}

/** Token format check before any lookup (base64url, 43 characters for 32 bytes). */
export const isShareTokenShaped = (token: string): boolean => /^[\w-]{43}$/.test(token);
