// Writes for accounts that the entities do not express (and the reads that belong to a write:
// row locks, the sign-in code bound). Every function takes the transaction's `db`.
import { In, IsNull } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { Lang } from '../../shared/i18n.js';
import { Administration } from '../administrations/index.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { User } from './user.entity.js';
import { UserToken } from './user-token.entity.js';

/**
 * The active facilitators and admins, by id: they decide registrations and hear about new feedback,
 * flagged comments and drafts to review (other modules use this through the accounts index).
 */
export async function activeFacilitators(db: Db): Promise<{ id: number; email: string; language: Lang }[]> {
  const found = await db.find(User, { select: { id: true, email: true, language: true }, where: { role: In(['facilitator', 'admin']), status: 'active' }, order: { id: 'ASC' } });
  return found.map(({ id, email, language }) => ({ id, email, language }));
}

/** The administration whose e-mail domain this is, or null. */
export async function administrationIdForDomain(db: Db, domain: string): Promise<number | null> {
  return (await one<{ administration_id: number }>(db, `SELECT administration_id FROM administration_domains WHERE domain = $1`, [domain]))?.administration_id ?? null;
}

/** Sign-in codes mailed to the member within the last `minutes`. */
export async function recentSignInCodeCount(db: Db, userId: number, minutes: number): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(db,
    `SELECT count(*)::int AS n FROM user_tokens
      WHERE user_id = $1 AND purpose = 'sign_in_code' AND created_at > now() - make_interval(mins => $2)`,
    [userId, minutes],
  ) as [{ n: number }];
  return n;
}

/** Marks an unused recovery code of the member used; false when there is no such code. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string): Promise<boolean> {
  return ((await db.update(RecoveryCode, { userId, codeHash, usedAt: IsNull() }, { usedAt: () => 'now()' })).affected ?? 0) > 0;
}

/** Every open password-reset link of the member stops working. */
export async function useUpResetTokens(db: Db, userId: number): Promise<void> {
  await db.update(UserToken, { userId, purpose: 'reset_password', usedAt: IsNull() }, { usedAt: () => 'now()' });
}

/** Ends every session of a member (optionally keeping one, e.g. the current). */
export async function endSessions(db: Db, userId: number, keepSid?: string): Promise<void> {
  await affected(db,
    `DELETE FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1 AND ($2::text IS NULL OR sid <> $2)`,
    [userId, keepSid ?? null],
  );
}

/** Locks the active admins' rows (in id order, so concurrent callers queue) and returns their ids. */
export async function lockActiveAdminIds(db: Db): Promise<number[]> {
  const admins = await db.find(User, {
    select: { id: true }, where: { role: 'admin', status: 'active' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' },
  });
  return admins.map((a) => a.id);
}

/** The administration a registration is approved for, or null. */
export async function administrationById(db: Db, id: number): Promise<{ id: number; name: string } | null> {
  const found = await db.findOne(Administration, { select: { id: true, name: true }, where: { id } });
  return found && { id: found.id, name: found.name };
}

/** Locks the member's row for the deletion; null when there is none. */
export async function lockMemberForDeletion(
  db: Db, userId: number,
): Promise<{ id: number; email: string; handle: string; name: string; language: Lang; status: string } | null> {
  const me = await db.findOne(User, {
    select: { id: true, email: true, handle: true, name: true, language: true, status: true }, where: { id: userId }, lock: { mode: 'pessimistic_write' },
  });
  return me && { id: me.id, email: me.email, handle: me.handle, name: me.name, language: me.language, status: me.status };
}
