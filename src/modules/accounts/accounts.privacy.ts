// The accounts part of the privacy download and of account deletion: the member's own row, their
// sign-in links and recovery codes (never the hashes), and the registrations they decided on.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { MemberOnboarding } from './member-onboarding.entity.js';
import { accountOfMember, deleteAllSessionsOf, onboardingOfMember, recoveryCodesOfMember, registrationsDecidedBy, signInLinksOfMember } from './privacy.store.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { User } from './user.entity.js';
import { UserToken } from './user-token.entity.js';

export const accountsUserColumns = {
  'users.email': 'user',
  'users.decided_by': 'registrationsDecided',
  'user_tokens.user_id': 'signInLinks',
  'user_recovery_codes.user_id': 'recoveryCodes',
  'member_onboarding.user_id': 'onboarding',
};

export async function exportAccountsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    user: await accountOfMember(ds, userId),
    signInLinks: await signInLinksOfMember(ds, userId),
    recoveryCodes: await recoveryCodesOfMember(ds, userId),
    // Registrations this member (as a facilitator) approved or rejected: the decision, not the other person's data.
    registrationsDecided: await registrationsDecidedBy(ds, userId),
    onboarding: (await onboardingOfMember(ds, userId)) ?? null,
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
    name: '', jobTitle: '', department: '', bio: '', language: 'de', languages: [], interests: [], passwordHash: null,
    totpSecret: null, totpEnabledAt: null, totpLastStep: null,
    requestedOrganization: '', rejectionReason: null, administrationId: null, role: 'member',
  });
  await db.delete(UserToken, { userId: member.id });
  await db.delete(RecoveryCode, { userId: member.id });
  await db.delete(MemberOnboarding, { userId: member.id });
  // Signed-in sessions, and sessions half-way through a two-factor sign-in.
  await deleteAllSessionsOf(db, member.id);
}
