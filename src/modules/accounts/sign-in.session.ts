// Starting and ending a member's session, for every way of signing in (password here, an
// administration's OpenID provider in src/modules/sso): the same new session id, the same session
// user, the same second step for members with two-factor sign-in.
import type { Request, Response } from 'express';
import type { AppContext } from '../module.js';
import { invalid } from '../../shared/errors.js';
import { LANG_COOKIE } from '../../web/middleware/i18n.js';
import { sessionCookie } from '../../web/session-cookie.js';
import { loadSessionUser } from './accounts.queries.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * Values another way of signing in keeps for the signed-in session across the second step
     * (e.g. the provider's sign-out data, src/modules/sso); copied into the new session at sign-in.
     */
    afterSignIn?: { userId: number; values: Record<string, unknown> };
    /**
     * Where signing out continues after ending the session here: the sign-out page of the
     * provider the member signed in with (RP-initiated logout, src/modules/sso), and its name.
     */
    signOutElsewhere?: { url: string; at: string };
  }
}

/** Signs the member in: a new session id (passport regenerates it), then the absolute timeout starts. */
export async function signIn(ctx: AppContext, req: Request, userId: number): Promise<void> {
  const user = await loadSessionUser(ctx.ds, userId);
  if (!user) throw invalid('accounts.login.failed');
  const carried = req.session.afterSignIn;
  await new Promise<void>((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
  if (carried?.userId === userId) Object.assign(req.session, carried.values);
  req.session.signedInAt = Date.now();
  // The member's language stays after signing out (the cookie is the visitor's preference).
  req.res?.cookie(LANG_COOKIE, user.language, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: true, secure: ctx.config.isProduction });
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/**
 * Signs in a member whom another party vouched for (an OpenID provider): like a correct password,
 * so a member with two-factor sign-in (every admin who may open admin pages) still gives the
 * authenticator's code at /login/two-factor. `afterSignIn`: values for the signed-in session (kept
 * across that step). Returns where the browser goes next.
 */
export async function signInVouched(ctx: AppContext, req: Request, userId: number, next: string, afterSignIn?: Record<string, unknown>): Promise<string> {
  const user = await loadSessionUser(ctx.ds, userId);
  if (!user) throw invalid('accounts.login.failed');
  if (user.totpEnabled) {
    await regenerateSession(req);
    req.session.pendingUserId = userId;
    req.session.pendingSince = Date.now();
    if (afterSignIn) req.session.afterSignIn = { userId, values: afterSignIn };
    return `/login/two-factor?next=${encodeURIComponent(next)}`;
  }
  await signIn(ctx, req, userId);
  if (afterSignIn) Object.assign(req.session, afterSignIn);
  return next;
}

/** Ends the session here: signed out, the session row gone, the cookie cleared. */
export async function signOut(ctx: AppContext, req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
  const cookie = sessionCookie(ctx.config);
  res.clearCookie(cookie.name, cookie.options);
}
