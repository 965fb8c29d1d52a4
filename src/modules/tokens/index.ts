// Tokens: members' personal access tokens (/me/tokens) for feed readers and, later, the JSON API.
// Other modules resolve a presented token (Bearer header or ?token=) with resolveAccessToken.
import type { PraxisModule } from '../module.js';
import { PersonalAccessToken } from './access-token.entity.js';
import { deleteTokensData, exportTokensData, tokensUserColumns } from './tokens.privacy.js';
import { tokensRouter } from './tokens.routes.js';

export { SCOPES, type Scope } from './tokens.model.js';
export { presentedToken, resolveAccessToken, type AccessTokenResult } from './tokens.resolve.js';
export type { ResolvedToken, TokenMember } from './tokens.store.js';
export { PersonalAccessToken };

export const tokensModule: PraxisModule = {
  name: 'tokens',
  entities: [PersonalAccessToken],
  router: tokensRouter,
  // Admins see every working token and revoke one (a lost device, a member leaving).
  adminLinks: [{ href: '/admin/tokens', label: 'tokens.admin.link', roles: ['admin'] }],
  userColumns: tokensUserColumns,
  exportUserData: exportTokensData,
  deleteUserData: deleteTokensData,
};
