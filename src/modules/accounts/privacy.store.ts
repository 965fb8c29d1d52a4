// The SQL of the accounts part of the privacy download and of account deletion (accounts.privacy.ts).
import type { DataSource } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { UserToken } from './user-token.entity.js';

/** The member's own row (with the administration's name), never a hash or secret. */
export async function accountOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown> | undefined> {
  return (await one(ds,
    `SELECT u.id, u.email, u.handle, u.name, u.job_title AS "jobTitle", u.department, u.bio, u.language, u.languages, u.interests, u.role,
            u.status, u.requested_organization AS "requestedOrganization", a.name AS "administration",
            u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.email_confirmed_at AS "emailConfirmedAt",
            u.decided_at AS "registrationDecidedAt", u.rejection_reason AS "rejectionReason",
            (u.totp_enabled_at IS NOT NULL) AS "twoFactorEnabled", u.totp_enabled_at AS "twoFactorEnabledAt"
       FROM users u LEFT JOIN administrations a ON a.id = u.administration_id WHERE u.id = $1`,
    [userId],
  )) ?? undefined;
}

export async function signInLinksOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown>[]> {
  const found = await ds.getRepository(UserToken).find({
    select: { id: true, purpose: true, createdAt: true, expiresAt: true, usedAt: true }, where: { userId }, order: { id: 'ASC' },
  });
  return found.map(({ purpose, createdAt, expiresAt, usedAt }) => ({ purpose, createdAt, expiresAt, usedAt }));
}

export async function recoveryCodesOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown>[]> {
  const found = await ds.getRepository(RecoveryCode).find({ select: { id: true, usedAt: true }, where: { userId }, order: { id: 'ASC' } });
  return found.map(({ usedAt }) => ({ usedAt }));
}

/** Registrations this member (as a facilitator) approved or rejected: the decision, not the other person's data. */
export async function registrationsDecidedBy(ds: DataSource, userId: number): Promise<Record<string, unknown>[]> {
  return rows(ds,
    `SELECT id AS "userId", CASE WHEN status = 'rejected' THEN 'rejected' ELSE 'approved' END AS decision, decided_at AS "decidedAt"
       FROM users WHERE decided_by = $1 ORDER BY decided_at`, [userId]);
}

/** Whether and when the member finished or skipped the welcome page. */
export async function onboardingOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown> | undefined> {
  return (await one(ds, `SELECT completed_at AS "completedAt", dismissed_at AS "dismissedAt" FROM member_onboarding WHERE user_id = $1`, [userId])) ?? undefined;
}

/** Signed-in sessions of the member, and sessions half-way through a two-factor sign-in. */
export async function deleteAllSessionsOf(db: Db, userId: number): Promise<void> {
  await affected(db,
    `DELETE FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1 OR (sess ->> 'pendingUserId')::int = $1`, [userId]);
}
