// Pages for facilitators and admins. An admin account must have two-factor sign-in set up before
// it opens any of them (also the facilitator pages: the account, not the page, is what is at risk).
import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../../shared/errors.js';
import { hasRole, type Role } from '../../shared/identity.js';
import { requireUser } from './require-user.js';

export { hasRole };

export function requireRole(role: Role) {
  return (req: Request, res: Response, next: NextFunction) =>
    requireUser(req, res, () => {
      if (!hasRole(req.user, role)) return next(forbidden());
      if (req.user!.role === 'admin' && !req.user!.totpEnabled) {
        req.flash('warning', 'accounts.twoFactor.requiredForAdmins');
        return res.redirect(303, '/me/two-factor');
      }
      next();
    });
}
