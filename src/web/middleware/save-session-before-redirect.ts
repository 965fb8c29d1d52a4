// Saves the session before a redirect goes out. express-session saves a changed session only
// when the response ends, and it sends the status line and headers first; a quick browser follows
// the 303 at once and its next request can read the session from before the change — the flash
// message or even the sign-in is then missing (seen in the browser tests on loopback).
import type { NextFunction, Request, Response } from 'express';

export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const session = req.session;
    // Nothing stored for a visitor who has no session data (saveUninitialized is off).
    if (!session || !Object.keys(session).some((k) => k !== 'cookie')) return redirect(...args);
    session.save((err) => (err ? next(err) : redirect(...args)));
  }) as Response['redirect'];
  next();
}
