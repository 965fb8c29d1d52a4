// Single sign-on: members sign in with their administration's account through its OpenID provider
// (OpenID Connect, openid-client). Admins set up one provider per administration at /admin/sso.
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { ssoAdminRouter } from './admin.routes.js';
import { anyEnabled } from './sso.queries.js';
import { deleteSsoData, exportSsoData, ssoUserColumns } from './sso.privacy.js';
import { ssoRouter } from './sso.routes.js';
import { SsoIdentity } from './sso-identity.entity.js';
import { SsoProvider } from './sso-provider.entity.js';

export const ssoModule: PraxisModule = {
  name: 'sso',
  entities: [SsoProvider, SsoIdentity],
  router: (ctx) => Router().use(ssoRouter(ctx), ssoAdminRouter(ctx)),
  // The password sign-in page offers "Sign in with your administration's account" when any is set up.
  pageLocals: (ctx) => async (req, res, next) => {
    if (req.path === '/login' && req.method === 'GET') res.locals.ssoAvailable = !!ctx.config.secretsKey && (await anyEnabled(ctx.ds));
    next();
  },
  adminLinks: [{ href: '/admin/sso', label: 'sso.admin.link', roles: ['admin'] }],
  userColumns: ssoUserColumns,
  exportUserData: exportSsoData,
  deleteUserData: deleteSsoData,
};
