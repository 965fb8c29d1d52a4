// Signed-in members only; visitors are sent to sign in and brought back afterwards.
import type { NextFunction, Request, Response } from 'express';

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (req.method === 'GET') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  res.status(401);
  res.render('errors/401', { title: req.t('errors.unauthorized') });
}
