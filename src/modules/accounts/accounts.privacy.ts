// The accounts part of the privacy download and of account deletion: the member's own row, their
// sign-in links and recovery codes (never the hashes), and the registrations they decided on.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { User } from './user.entity.js';
import { UserToken } from './user-token.entity.js';

export const accountsUserColumns = {
  'users.email': 'user',
  'users.decided_by': 'registrationsDecided',
  'user_tokens.user_id': 'signInLinks',
  'user_recovery_codes.user_id': 'recoveryCodes',
};

export async function exportAccountsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const [user] = await ds.query(
    `SELECT u.id, u.email, u.handle, u.name, u.job_title AS "jobTitle", u.department, u.bio, u.language, u.role,
            u.status, u.requested_organization AS "requestedOrganization", a.name AS "administration",
            u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.email_confirmed_at AS "emailConfirmedAt",
            u.decided_at AS "registrationDecidedAt", u.rejection_reason AS "rejectionReason",
            (u.totp_enabled_at IS NOT NULL) AS "twoFactorEnabled", u.totp_enabled_at AS "twoFactorEnabledAt"
       FROM users u LEFT JOIN administrations a ON a.id = u.administration_id WHERE u.id = $1`,
    [userId],
  );
  return {
    user,
    signInLinks: await ds.query(
      `SELECT purpose, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM user_tokens WHERE user_id = $1 ORDER BY id`, [userId]),
    recoveryCodes: await ds.query(`SELECT used_at AS "usedAt" FROM user_recovery_codes WHERE user_id = $1 ORDER BY id`, [userId]),
    // Registrations this member (as a facilitator) approved or rejected: the decision, not the other person's data.
    registrationsDecided: await ds.query(
      `SELECT id AS "userId", CASE WHEN status = 'rejected' THEN 'rejected' ELSE 'approved' END AS decision, decided_at AS "decidedAt"
         FROM users WHERE decided_by = $1 ORDER BY decided_at`, [userId]),
  };
}

/**
 * The row stays (contributions and the audit log point at it), with everything personal erased:
 * name, e-mail, handle, profile, the organisation typed at registration, the administration (so
 * nothing shows "former member · Stadt X"), password and second factor. Sign-in links, recovery
 * codes and sessions go. Registrations the member decided keep pointing at the erased row.
 */
export async function deleteAccountsData(db: EntityManager, member: FormerMember, _contributions: ContributionsChoice): Promise<void> {
  await db.update(User, { id: member.id }, {
    status: 'deleted', deletedAt: new Date(), email: `deleted-${member.id}@deleted.invalid`, handle: `former-${member.id}`,
    name: '', jobTitle: '', department: '', bio: '', language: 'de', passwordHash: null,
    totpSecret: null, totpEnabledAt: null, totpLastStep: null,
    requestedOrganization: '', rejectionReason: null, administrationId: null, role: 'member',
  });
  await db.delete(UserToken, { userId: member.id });
  await db.delete(RecoveryCode, { userId: member.id });
  // Signed-in sessions, and sessions half-way through a two-factor sign-in.
  await db.query(
    `DELETE FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1 OR (sess ->> 'pendingUserId')::int = $1`, [member.id]);
}
