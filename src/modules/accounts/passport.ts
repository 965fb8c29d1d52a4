// passport keeps the signed-in member in the session: the session holds only the member's id, and
// each request loads the member afresh (with the session, in one statement: session.queries.ts), so a
// role change or a deleted account takes effect at once.
// Checking e-mail and password is not passport's job here: POST /login hands the validated form
// (trimmed, lower-cased e-mail) to accounts.service checkCredentials. A passport strategy would
// read the raw request body, where " name@example.org " does not match the account.
import passport from 'passport';
import type { AppContext } from '../module.js';
import { loadSessionUser } from './accounts.queries.js';
import { memberFromSessionRow } from '../../web/session-row.js';
import type { Request } from 'express';

const instances = new WeakMap<AppContext, passport.PassportStatic>();

/** One passport instance per app context (tests build several apps in one process). */
export function passportFor(ctx: AppContext): passport.PassportStatic {
  let p = instances.get(ctx);
  if (!p) instances.set(ctx, (p = setupPassport(ctx)));
  return p;
}

function setupPassport(ctx: AppContext): passport.PassportStatic {
  const instance = new passport.Passport();
  instance.serializeUser((user, done) => done(null, (user as { id: number }).id));
  // Usually the session statement has read the member already (session.queries.ts); the three
  // parameters make passport pass the request.
  instance.deserializeUser((req: Request, id: number, done: (err: unknown, user?: Express.User | false) => void) => {
    // A session can only name a member by a whole number (anything else is no sign-in, not an error).
    if (!Number.isSafeInteger(id)) return done(null, false);
    const read = memberFromSessionRow(req, id);
    if (read !== undefined) return done(null, read ?? false);
    loadSessionUser(ctx.ds, id).then((u) => done(null, u ?? false), done);
  });
  return instance as unknown as passport.PassportStatic;
}
