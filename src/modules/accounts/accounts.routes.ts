// Register, confirm, sign in (with a second factor), sign out, reset the password, own profile
// and settings, member profiles, the language switch.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { forbidden, invalid, notFound } from '../../shared/errors.js';
import { totpUri } from '../../shared/totp.js';
import { isLang } from '../../shared/i18n.js';
import { LANG_COOKIE } from '../../web/middleware/i18n.js';
import { safeNext } from '../../web/middleware/locals.js';
import { limitPerMinute } from '../../web/middleware/rate-limit.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { accountsPolicy } from './accounts.policy.js';
import { findMemberByHandle, ownProfileValues } from './accounts.queries.js';
import * as schemas from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import { memberView } from './accounts.views.js';
import { profileSections } from '../profile-sections.js';
import { exportPersonalData } from '../personal-data.js';
import { sessionCookie } from '../../web/session-cookie.js';
import { regenerateSession, signIn, signOut } from './sign-in.session.js';

const PENDING_2FA_MS = 10 * 60_000;

declare module 'express-session' {
  interface SessionData {
    /** A locked sign-in's second step (see accounts.service checkCredentials), started at `since`. */
    signInChallenge?: accounts.SignInChallenge & { since: number; wrong: number };
  }
}

/** Locals for a form shown again after a refusal: its page title. */
const titled = (key: string) => (req: Request) => ({ title: req.t(key) });

/** Back to the sign-in form with a message: the locked sign-in's second step is over. */
function restartSignIn(req: Request, res: Response, message: string): void {
  delete req.session.signInChallenge;
  req.flash('warning', message);
  res.redirect(303, '/login');
}

export function accountsRouter(ctx: AppContext): Router {
  const r = Router();
  const authLimit = limitPerMinute(ctx, 'sign-in', ctx.config.RATE_LIMIT_AUTH_PER_MINUTE);

  // --- registration ---------------------------------------------------------------------------
  r.get('/register', (req, res) => {
    if (req.user) return res.redirect(303, '/me');
    res.render('accounts/register', { title: req.t('accounts.register.title'), values: { language: req.lang } });
  });
  r.post('/register', authLimit, validateForm(schemas.registerSchema, { view: 'accounts/register', locals: titled('accounts.register.title') }), async (req, res) => {
    await accounts.register(ctx, formData<typeof schemas.registerSchema>(req));
    res.redirect(303, '/register/sent');
  });
  r.get('/register/sent', (req, res) => res.render('accounts/register-sent', { title: req.t('accounts.registerSent.title') }));
  r.get('/register/confirm', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const status = await accounts.confirmEmail(ctx, token);
    res.render('accounts/confirmed', { title: req.t('accounts.confirmed.title'), pending: status === 'pending' });
  });

  // --- sign in / out --------------------------------------------------------------------------
  r.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next, '/'));
    res.render('accounts/login', { title: req.t('accounts.login.title'), values: { next: safeNext(req.query.next, '') } });
  });
  r.post('/login', authLimit, validateForm(schemas.loginSchema, { view: 'accounts/login', locals: titled('accounts.login.title') }), async (req, res) => {
    // The validated form: the e-mail trimmed and lower-cased, as the account stores it.
    const form = formData<typeof schemas.loginSchema>(req);
    const result = await accounts.checkCredentials(ctx, form.email, form.password, req.ip ?? 'unknown');
    const next = safeNext(form.next, '/');
    if (result.kind === 'challenge') {
      await regenerateSession(req);
      req.session.signInChallenge = { ...result.challenge, since: Date.now(), wrong: 0 };
      return res.redirect(303, `/login/verify?next=${encodeURIComponent(next)}`);
    }
    if (result.kind !== 'ok') {
      // The account's state, not a mistake in the form: a notice above the form, not the error summary.
      return res.status(403).render('accounts/login', {
        title: req.t('accounts.login.title'),
        values: { email: form.email, next: form.next ?? '' },
        notice: { kind: result.kind === 'rejected' ? 'warning' : 'info', text: req.t(`accounts.login.${result.kind}`) },
      });
    }
    if (result.needsSecondFactor) {
      await regenerateSession(req);
      req.session.pendingUserId = result.userId;
      req.session.pendingSince = Date.now();
      return res.redirect(303, `/login/two-factor?next=${encodeURIComponent(next)}`);
    }
    await signIn(ctx, req, result.userId);
    res.redirect(303, next);
  });
  r.get('/login/two-factor', (req, res) => {
    if (!req.session.pendingUserId) return res.redirect(303, '/login');
    res.render('accounts/two-factor-login', { title: req.t('accounts.twoFactor.loginTitle'), values: { next: safeNext(req.query.next, '/') } });
  });
  r.post('/login/two-factor', authLimit, validateForm(schemas.secondFactorSchema, { view: 'accounts/two-factor-login', locals: titled('accounts.twoFactor.loginTitle') }), async (req, res) => {
    const userId = req.session.pendingUserId;
    if (!userId || Date.now() - (req.session.pendingSince ?? 0) > PENDING_2FA_MS) return res.redirect(303, '/login');
    const { code, next } = formData<typeof schemas.secondFactorSchema>(req);
    await accounts.checkSecondFactor(ctx, userId, code, req.ip ?? 'unknown');
    delete req.session.pendingUserId;
    await signIn(ctx, req, userId);
    res.redirect(303, safeNext(next, '/'));
  });
  // A sign-in during a lock: the e-mailed code or the authenticator's, whatever the password was.
  r.get('/login/verify', (req, res) => {
    if (!req.session.signInChallenge) return res.redirect(303, '/login');
    res.render('accounts/verify-login', { title: req.t('accounts.verify.title'), values: { next: safeNext(req.query.next, '/') } });
  });
  r.post('/login/verify', authLimit, validateForm(schemas.secondFactorSchema, { view: 'accounts/verify-login', locals: titled('accounts.verify.title') }), async (req, res) => {
    const challenge = req.session.signInChallenge;
    if (!challenge || Date.now() - challenge.since > accounts.SIGN_IN_CODE_TTL_MS) return restartSignIn(req, res, 'accounts.verify.expired');
    const { code, next } = formData<typeof schemas.secondFactorSchema>(req);
    const outcome = await accounts.checkChallenge(ctx, challenge, code, req.ip ?? 'unknown');
    if (outcome === 'ok') {
      delete req.session.signInChallenge;
      await accounts.challengePassed(ctx, challenge.userId!, req.ip ?? 'unknown');
      await signIn(ctx, req, challenge.userId!);
      return res.redirect(303, safeNext(next, '/'));
    }
    challenge.wrong += 1;
    if (outcome === 'spent' || challenge.wrong >= accounts.SIGN_IN_CODE_MAX_TRIES) return restartSignIn(req, res, 'accounts.verify.tooManyWrong');
    throw invalid('accounts.verify.wrongCode', { code: 'accounts.verify.wrongCode' });
  });
  r.post('/logout', async (req, res) => {
    const elsewhere = req.user ? req.session.signOutElsewhere : undefined;
    await signOut(ctx, req, res);
    if (!elsewhere) return res.redirect(303, '/');
    // Signed in through an administration's provider: on to its sign-out. By a page with a Refresh
    // header, not a redirect: the CSP's form-action 'self' also covers redirects after a form.
    res.set('Refresh', `0; url=${elsewhere.url}`);
    res.render('accounts/signed-out-elsewhere', { title: req.t('accounts.signOutElsewhere.title'), at: elsewhere.at, url: elsewhere.url, currentUser: undefined });
  });

  // --- password reset -------------------------------------------------------------------------
  r.get('/password/forgot', (req, res) => res.render('accounts/forgot', { title: req.t('accounts.forgot.title') }));
  r.post('/password/forgot', authLimit, validateForm(schemas.forgotSchema, { view: 'accounts/forgot', locals: titled('accounts.forgot.title') }), async (req, res) => {
    await accounts.requestPasswordReset(ctx, formData<typeof schemas.forgotSchema>(req).email);
    res.render('accounts/forgot-sent', { title: req.t('accounts.forgot.title') });
  });
  r.get('/password/reset', (req, res) => {
    res.render('accounts/reset', { title: req.t('accounts.reset.title'), values: { token: String(req.query.token ?? '') } });
  });
  r.post('/password/reset', authLimit, validateForm(schemas.resetSchema, {
    view: 'accounts/reset',
    // The link's token is a hidden field: keep it, so that the member can try another password.
    locals: (req) => ({ title: req.t('accounts.reset.title'), values: { token: typeof req.body?.token === 'string' ? req.body.token : '' } }),
  }), async (req, res) => {
    const { token, password } = formData<typeof schemas.resetSchema>(req);
    await accounts.resetPassword(ctx, token, password);
    req.flash('success', 'accounts.reset.done');
    res.redirect(303, '/login');
  });

  // --- own profile and settings ---------------------------------------------------------------
  const meLocals = async (req: Request) => {
    const row = await ownProfileValues(ctx.ds, req.user!.id);
    return {
      title: req.t('accounts.me.title'), values: row, user: req.user, languageOptions: [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }],
      spokenLanguageOptions: schemas.SPOKEN_LANGUAGES.map((value) => ({ value, label: req.t(`home.onboarding.languages.${value}`) })),
    };
  };
  r.get('/me', requireUser, async (req, res) => res.render('accounts/me', await meLocals(req)));
  r.post('/me/profile', requireUser, validateForm(schemas.profileSchema, { view: 'accounts/me', locals: meLocals }), async (req, res) => {
    await accounts.updateProfile(ctx, req.user!.id, formData<typeof schemas.profileSchema>(req));
    req.flash('success', 'accounts.me.saved');
    res.redirect(303, '/me');
  });
  r.get('/me/password', requireUser, (req, res) => res.render('accounts/password', { title: req.t('accounts.password.title') }));
  r.post('/me/password', requireUser, authLimit, validateForm(schemas.changePasswordSchema, { view: 'accounts/password', locals: titled('accounts.password.title') }), async (req, res) => {
    const { currentPassword, newPassword } = formData<typeof schemas.changePasswordSchema>(req);
    await accounts.changePassword(ctx, req.user!.id, currentPassword, newPassword, req.sessionID);
    req.flash('success', 'accounts.password.changed');
    res.redirect(303, '/me');
  });

  const twoFactorLocals = async (req: Request) => {
    if (req.user!.totpEnabled) return { title: req.t('accounts.twoFactor.title'), enabled: true, isAdmin: req.user!.role === 'admin' };
    const secret = (req.session.totpSetupSecret ??= accounts.newTwoFactorSecret());
    const uri = totpUri(secret, req.user!.email);
    const { default: QRCode } = await import('qrcode'); // only for setting up a second factor
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { title: req.t('accounts.twoFactor.title'), enabled: false, secret: secret.replace(/(.{4})/g, '$1 ').trim(), qrSvg };
  };
  r.get('/me/two-factor', requireUser, async (req, res) => res.render('accounts/two-factor', await twoFactorLocals(req)));
  r.post('/me/two-factor/enable', requireUser, validateForm(schemas.enableTwoFactorSchema, { view: 'accounts/two-factor', locals: twoFactorLocals }), async (req, res) => {
    const secret = req.session.totpSetupSecret;
    if (!secret) return res.redirect(303, '/me/two-factor');
    const codes = await accounts.enableTwoFactor(ctx, req.user!.id, secret, formData<typeof schemas.enableTwoFactorSchema>(req).code);
    delete req.session.totpSetupSecret;
    // Shown once, on this response; only hashes are stored.
    res.render('accounts/recovery-codes', { title: req.t('accounts.twoFactor.recoveryTitle'), codes });
  });
  r.post('/me/two-factor/disable', requireUser, validateForm(schemas.disableTwoFactorSchema, { view: 'accounts/two-factor', locals: twoFactorLocals }), async (req, res) => {
    await accounts.disableTwoFactor(ctx, req.user!, formData<typeof schemas.disableTwoFactorSchema>(req).password);
    req.flash('success', 'accounts.twoFactor.disabled');
    res.redirect(303, '/me');
  });

  r.get('/me/export', requireUser, async (req, res) => {
    const data = await exportPersonalData(ctx, req.user!.id);
    res.set('Content-Disposition', `attachment; filename="praxis-${req.user!.handle}.json"`);
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });
  r.get('/me/delete', requireUser, (req, res) => res.render('accounts/delete', { title: req.t('accounts.delete.title'), values: { contributions: 'keep' } }));
  r.post('/me/delete', requireUser, validateForm(schemas.deleteAccountSchema, { view: 'accounts/delete', locals: titled('accounts.delete.title') }), async (req, res) => {
    const { password, contributions } = formData<typeof schemas.deleteAccountSchema>(req);
    await accounts.deleteAccount(ctx, req.user!.id, password, contributions);
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    const cookie = sessionCookie(ctx.config);
    res.clearCookie(cookie.name, cookie.options);
    res.clearCookie(LANG_COOKIE);
    res.render('accounts/deleted', { title: req.t('accounts.delete.doneTitle'), currentUser: undefined });
  });

  // --- member profiles ------------------------------------------------------------------------
  r.get('/members/:handle', requireUser, async (req, res) => {
    if (!accountsPolicy.canViewMemberProfiles(req.user)) throw forbidden();
    const member = await findMemberByHandle(ctx.ds, String(req.params.handle));
    if (!member) throw notFound();
    res.render('accounts/member', { title: member.name, member: memberView(member, req.lang), sections: await profileSections(ctx, 'member', member.id, req.user) });
  });

  // --- language -------------------------------------------------------------------------------
  r.get('/language/:lang', (req, res) => {
    const lang = String(req.params.lang);
    if (isLang(lang)) res.cookie(LANG_COOKIE, lang, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: true, secure: ctx.config.isProduction });
    res.redirect(303, safeNext(req.query.next, '/'));
  });
  r.post('/language', formView({ view: 'errors/400' }), async (req, res) => {
    const lang = req.body?.lang;
    if (isLang(lang)) {
      res.cookie(LANG_COOKIE, lang, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: true, secure: ctx.config.isProduction });
      if (req.user) await accounts.setLanguage(ctx, req.user.id, lang);
    }
    res.redirect(303, safeNext(req.body?.next, '/'));
  });

  return r;
}
