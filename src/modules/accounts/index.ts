// Accounts: registration and verification, sign-in (password, two-factor), sessions, profiles,
// roles and the approval queue. Other modules use SessionUser and the policy helpers from here.
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { accountsRouter } from './accounts.routes.js';
import { adminRouter } from './admin.routes.js';
import { loadDemoAccounts } from './accounts.demo.js';
import { accountsUserColumns, deleteAccountsData, exportAccountsData } from './accounts.privacy.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { User } from './user.entity.js';
import { UserToken } from './user-token.entity.js';

export type { SessionUser } from './accounts.queries.js';
export { User, ROLES, type Role } from './user.entity.js';
export { hashPassword } from './passwords.js';
export { passportFor } from './passport.js';
export { initials } from './accounts.views.js';

export const accountsModule: PraxisModule = {
  name: 'accounts',
  entities: [User, UserToken, RecoveryCode],
  router: (ctx) => Router().use(accountsRouter(ctx), adminRouter(ctx)),
  loadDemo: loadDemoAccounts,
  userColumns: accountsUserColumns,
  exportUserData: exportAccountsData,
  deleteUserData: deleteAccountsData,
};
