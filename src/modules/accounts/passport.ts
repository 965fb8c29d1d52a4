// passport: the local strategy checks e-mail and password (with throttling, in the service);
// the session holds only the member's id, and each request loads the member afresh, so a role
// change or a deleted account takes effect at once.
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AppContext } from '../../context.js';
import { loadSessionUser } from './accounts.queries.js';
import { checkCredentials } from './accounts.service.js';
import type { ThrottleLimits } from './throttle.js';

const instances = new WeakMap<AppContext, passport.PassportStatic>();

export function throttleLimits(ctx: AppContext): ThrottleLimits {
  return {
    accountMaxFailures: ctx.config.SIGNIN_ACCOUNT_MAX_FAILURES,
    ipMaxFailures: ctx.config.SIGNIN_IP_MAX_FAILURES,
    lockMinutes: ctx.config.SIGNIN_LOCK_MINUTES,
  };
}

/** One passport instance per app context (tests build several apps in one process). */
export function passportFor(ctx: AppContext): passport.PassportStatic {
  let p = instances.get(ctx);
  if (!p) instances.set(ctx, (p = setupPassport(ctx, throttleLimits(ctx))));
  return p;
}

function setupPassport(ctx: AppContext, limits: ThrottleLimits): passport.PassportStatic {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false },
      (req, email, password, done) => {
        checkCredentials(ctx, email, password, req.ip ?? 'unknown', limits).then((r) => done(null, r as never), done);
      }),
  );
  instance.serializeUser((user, done) => done(null, (user as { id: number }).id));
  instance.deserializeUser((id: number, done) => {
    loadSessionUser(ctx.ds, id).then((u) => done(null, u ?? false), done);
  });
  return instance as unknown as passport.PassportStatic;
}
