// Sign-in with the administration's account (OpenID Connect): choose the administration (by e-mail
// domain or from the list), leave for its provider, come back to /login/sso/callback; link an
// existing account with its password; sign out here and at the provider.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { invalid, notFound } from '../../shared/errors.js';
import { safeNext } from '../../web/middleware/locals.js';
import { limitPerMinute } from '../../web/middleware/rate-limit.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { checkOwnerPassword, signInVouched } from '../accounts/index.js';
import { authorizationUrl, CALLBACK_PATH, completeAuthorization, discover, endSessionUrl, isUnreachable, type PendingAuthorization } from './oidc.client.js';
import { administrationBySlug, enabledAdministrations, enabledProviderForDomain, type AdministrationRef } from './sso.queries.js';
import { chooseByEmailSchema, linkSchema } from './sso.schemas.js';
import { enabledConnection, linkAccount, resolveSignIn, type PendingLink } from './sso.service.js';

/** How long the way to the provider and back, and the link step after it, may take. */
const FLOW_TTL_MS = 10 * 60_000;

declare module 'express-session' {
  interface SessionData {
    /** On the way to an administration's provider (single use: taken at the callback). */
    ssoFlow?: PendingAuthorization & { administrationId: number; next: string; since: number };
    /** Back from the provider with an e-mail that has an account here: its password links them. */
    ssoLink?: PendingLink & { email: string; next: string; since: number; afterSignIn: Record<string, unknown> };
  }
}

/**
 * For the signed-in session: where signing out continues (the provider's sign-out page with the ID
 * token as hint, when its discovery names an end_session_endpoint); the accounts module's /logout uses it.
 */
const afterSignIn = (signOutUrl: URL | null, administration: string): Record<string, unknown> =>
  signOutUrl ? { signOutElsewhere: { url: signOutUrl.href, at: administration } } : {};

export function ssoRouter(ctx: AppContext): Router {
  const r = Router();
  const authLimit = limitPerMinute(ctx, 'sso', ctx.config.RATE_LIMIT_AUTH_PER_MINUTE);

  const chooseLocals = async (req: Request) => ({
    title: req.t('sso.choose.title'),
    // Without the secrets key no provider can be used (src/config.ts): none is offered.
    administrations: ctx.config.secretsKey ? await enabledAdministrations(ctx.ds) : [],
    values: { next: safeNext(req.query.next ?? req.body?.next, '') },
  });

  /** A page that says why the sign-in did not happen, with the way back to the password form. */
  const stop = (req: Request, res: Response, status: number, reason: string, vars: Record<string, unknown> = {}) =>
    res.status(status).render('sso/stopped', { title: req.t(`sso.stopped.${reason}.title`), reason: req.t(`sso.stopped.${reason}.text`, vars), unavailable: status === 503 });

  /**
   * Leaving for the provider after a form (POST): the strict CSP's form-action 'self' also covers
   * the redirects that follow a form, so the browser is sent on by a page with a Refresh header
   * (and a link), not by a redirect.
   */
  const leave = (req: Request, res: Response, href: string, administration: string) => {
    res.set('Refresh', `0; url=${href}`);
    res.render('sso/leaving', { title: req.t('sso.leaving.signInTitle'), text: req.t('sso.leaving.signIn', { administration }), href });
  };

  /** Leaves for the administration's provider with a fresh state, nonce and PKCE verifier. */
  async function start(req: Request, res: Response, administration: AdministrationRef, loginHint?: string) {
    if (req.user) return res.redirect(303, safeNext(req.query.next ?? req.body?.next, '/'));
    const found = await enabledConnection(ctx, administration.id);
    if (!found) throw notFound();
    let target: Awaited<ReturnType<typeof authorizationUrl>>;
    try {
      target = await authorizationUrl(ctx, await discover(ctx, found.connection), loginHint);
    } catch (err) {
      req.log.warn({ err, administrationId: administration.id }, 'OpenID provider discovery failed');
      return stop(req, res, 503, 'unavailable', { administration: administration.name });
    }
    req.session.ssoFlow = { ...target.pending, administrationId: administration.id, next: safeNext(req.query.next ?? req.body?.next, '/'), since: Date.now() };
    if (req.method === 'POST') return leave(req, res, target.url.href, administration.name);
    res.redirect(303, target.url.href);
  }

  r.get('/login/sso', async (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next, '/'));
    res.render('sso/choose', await chooseLocals(req));
  });
  r.post('/login/sso', authLimit, validateForm(chooseByEmailSchema, { view: 'sso/choose', locals: chooseLocals }), async (req, res) => {
    const { email } = formData<typeof chooseByEmailSchema>(req);
    const administration = await enabledProviderForDomain(ctx.ds, email.split('@')[1]!);
    if (!administration) throw invalid('validation.summary', { email: 'sso.choose.noProvider' });
    await start(req, res, administration, email);
  });

  r.get(CALLBACK_PATH, authLimit, async (req, res) => {
    const flow = req.session.ssoFlow;
    delete req.session.ssoFlow;
    if (!flow || Date.now() - flow.since > FLOW_TTL_MS) return stop(req, res, 400, 'expired');
    const found = await enabledConnection(ctx, flow.administrationId);
    if (!found) return stop(req, res, 400, 'expired');
    let verified: Awaited<ReturnType<typeof completeAuthorization>>;
    let signOutUrl: URL | null;
    try {
      const config = await discover(ctx, found.connection);
      verified = await completeAuthorization(ctx, config, new URL(req.originalUrl, ctx.config.baseUrl), flow);
      signOutUrl = endSessionUrl(ctx, config, verified.idToken);
    } catch (err) {
      if (isUnreachable(err)) {
        req.log.warn({ err, administrationId: flow.administrationId }, 'OpenID provider unreachable');
        return stop(req, res, 503, 'unavailable', { administration: found.row.administrationName });
      }
      // A refusal at the provider, a wrong state or issuer, a replayed code, an invalid or expired ID token.
      req.log.warn({ err, administrationId: flow.administrationId }, 'OpenID sign-in refused');
      return stop(req, res, 400, 'failed', { administration: found.row.administrationName });
    }
    const outcome = await resolveSignIn(ctx, found.row, verified, req.lang);
    switch (outcome.kind) {
      case 'unverified-email':
        return stop(req, res, 403, 'unverifiedEmail');
      case 'domain-refused':
        return stop(req, res, 403, 'domain', { domain: outcome.domain, administration: found.row.administrationName });
      case 'account-refused':
        return stop(req, res, 403, 'account');
      case 'link':
        req.session.ssoLink = {
          userId: outcome.userId, administrationId: flow.administrationId, issuer: verified.issuer, subject: verified.subject,
          department: outcome.department, email: outcome.email, next: flow.next, since: Date.now(), afterSignIn: afterSignIn(signOutUrl, found.row.administrationName),
        };
        return res.redirect(303, '/login/sso/link');
      case 'signed-in': {
        const next = await signInVouched(ctx, req, outcome.userId, flow.next, afterSignIn(signOutUrl, found.row.administrationName));
        if (outcome.created && req.user) req.flash('success', 'sso.created');
        return res.redirect(303, next);
      }
    }
  });

  const linkLocals = (req: Request) => ({ title: req.t('sso.link.title'), email: req.session.ssoLink?.email });
  const pendingLink = (req: Request) => {
    const link = req.session.ssoLink;
    return link && Date.now() - link.since <= FLOW_TTL_MS ? link : undefined;
  };
  r.get('/login/sso/link', (req, res) => {
    if (!pendingLink(req)) return res.redirect(303, '/login/sso');
    res.render('sso/link', linkLocals(req));
  });
  r.post('/login/sso/link', authLimit, validateForm(linkSchema, { view: 'sso/link', locals: linkLocals }), async (req, res) => {
    const link = pendingLink(req);
    if (!link) return res.redirect(303, '/login/sso');
    const check = await checkOwnerPassword(ctx, link.email, formData<typeof linkSchema>(req).password, req.ip ?? 'unknown');
    if (check === 'locked') throw invalid('validation.summary', { password: 'sso.link.locked' });
    if (check === 'wrong') throw invalid('validation.summary', { password: 'sso.link.wrongPassword' });
    delete req.session.ssoLink;
    await linkAccount(ctx, link);
    const next = await signInVouched(ctx, req, link.userId, link.next, link.afterSignIn);
    req.flash('success', 'sso.link.done');
    res.redirect(303, next);
  });

  r.get('/login/sso/:slug', async (req, res) => {
    const administration = await administrationBySlug(ctx.ds.manager, String(req.params.slug));
    if (!administration) throw notFound();
    await start(req, res, administration);
  });

  return r;
}
