// Accounts: registration and verification, sign-in (password, two-factor), sessions, profiles,
// roles and the approval queue. Other modules use the User entity and the policy from here; the identity vocabulary (roles, SessionUser) is src/shared/identity.ts.
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { accountsRouter } from './accounts.routes.js';
import { adminRouter } from './admin.routes.js';
import { loadDemoAccounts } from './accounts.demo.js';
import { completeRegistration, issuePasswordReset, PASSWORD_RESET_TOPIC, REGISTRATION_TOPIC, sendSignInCode, SIGN_IN_CODE_TOPIC } from './accounts.service.js';
import { accountsUserColumns, deleteAccountsData, exportAccountsData } from './accounts.privacy.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { SignInThrottle } from './sign-in-throttle.entity.js';
import { pruneThrottle } from './throttle.store.js';
import { User } from './user.entity.js';
import { UserToken } from './user-token.entity.js';
import { MemberOnboarding } from './member-onboarding.entity.js';
import { onboardingBlock } from './onboarding.block.js';
import { activeMemberCount } from './accounts.queries.js';

export { User } from './user.entity.js';
export { hashPassword } from './passwords.js';
// The form fields' rules, for the users:create-admin command.
export { emailField, handleField, passwordField } from './accounts.schemas.js';
export { passportFor } from './passport.js';
export { installSessionRead } from './session.queries.js';
// Signing in and out for other ways of signing in (single sign-on, src/modules/sso).
export { signInVouched } from './sign-in.session.js';
export { accountByEmail, activateVouchedAccount, checkOwnerPassword, createVouchedAccount, setDepartment, type AccountByEmail, type PasswordCheck } from './external.service.js';
export { initials } from './accounts.views.js';
export { accountsPolicy } from './accounts.policy.js';
export { activeFacilitators } from './accounts.store.js';
// A member's public profile facts (name, job title, administration), for pages about a member.
export { findMemberByHandle, type MemberProfile } from './accounts.queries.js';
// Onboarding (/welcome, pages module): the spoken-language field, the member's profile values, and the writes.
export { SPOKEN_LANGUAGES, checkboxList, spokenLanguagesField } from './accounts.schemas.js';
export { ownProfileValues } from './accounts.queries.js';
export { onboardingOpen } from './onboarding.store.js';
export { finishOnboarding, saveOnboardingProfile, type OnboardingProfileInput } from './onboarding.service.js';

export const accountsModule: PraxisModule = {
  name: 'accounts',
  entities: [User, UserToken, RecoveryCode, SignInThrottle, MemberOnboarding],
  router: (ctx) => Router().use(accountsRouter(ctx), adminRouter(ctx)),
  loadDemo: loadDemoAccounts,
  // Registration, reset and sign-in code requests are finished by the worker, so the request's
  // timing tells nothing about the account.
  outboxHandlers: (ctx) => ({
    [SIGN_IN_CODE_TOPIC]: {
      batchSize: 10,
      async handle(messages) {
        for (const m of messages) await sendSignInCode(ctx, m.id, (m.payload as { userId: number | null }).userId);
      },
    },
    [REGISTRATION_TOPIC]: {
      batchSize: 10,
      async handle(messages) {
        for (const m of messages) await completeRegistration(ctx, m.id);
      },
    },
    [PASSWORD_RESET_TOPIC]: {
      batchSize: 10,
      async handle(messages) {
        for (const m of messages) await issuePasswordReset(ctx, m.id);
      },
    },
  }),
  // Sign-in throttle rows are deleted once expired (they hold keyed hashes, and only for a while).
  housekeeping: (ctx) => pruneThrottle(ctx.ds.manager),
  userColumns: accountsUserColumns,
  exportUserData: exportAccountsData,
  deleteUserData: deleteAccountsData,
  // New members: an invitation to the welcome page at the top of the start page, until finished or skipped.
  startPageBlocks: [onboardingBlock],
  // The visitors' home page: active members.
  networkFigures: async (ds) => [{ order: 20, label: 'pages.visitor.figures.members', value: await activeMemberCount(ds) }],
};
