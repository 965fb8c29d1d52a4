// /recognition/badges: the badges and who holds them, a badge's page (facilitators grant manual
// badges there), and the Open Badges 2.0 hosted documents of grants — JSON at
// /recognition/assertions/:id for verifiers, a page at …/verify for people (as the academy does).
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { badgePng, badgeSvg, bakePng, revokedAssertionJson } from '../../shared/open-badges.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { BADGE_LEVELS, badgeByKey, badgeDefinitions } from './badges.definitions.js';
import { canManageBadges } from './badges.policy.js';
import * as q from './badges.queries.js';
import { grantBadgeSchema, revokeBadgeSchema } from './badges.schemas.js';
import { grantManualBadge, revokeBadge } from './badges.service.js';
import * as views from './badges.views.js';
import type { GrantRow } from './badges.queries.js';
import { microdegreeBySlug, microdegreeSummaries } from './microdegrees.queries.js';
import { microdegreeImage } from './microdegrees.openbadges.js';

export function badgesRouter(ctx: AppContext): Router {
  badgeDefinitions(); // a mistake in content/badges.yml stops the boot here, with its line
  const r = Router();
  const base = ctx.config.baseUrl;
  const urls = views.recognitionUrls(base);

  /** The class of an assertion of either kind: its hosted URL and its image. */
  const classOf = async (a: GrantRow) => {
    if (a.kind === 'badge') {
      const b = badgeByKey(a.classKey);
      return b ? { url: urls.badgeClass(b.key), image: views.badgeImage(b) } : null;
    }
    const m = (await microdegreeSummaries(ctx.ds, [a.classKey])).get(a.classKey);
    return m ? { url: views.assertionClassUrl(base, a), image: microdegreeImage({ slug: a.classKey, title: m.title }) } : null;
  };

  r.get('/recognition/badges', async (req, res) => {
    const [counts, mine] = await Promise.all([q.holderCounts(ctx.ds), req.user ? q.badgesOf(ctx.ds, req.user.id) : []]);
    const held = new Set(mine.map((g) => g.classKey));
    res.render('recognition/badges-index', {
      title: req.t('recognition.badges.title'),
      levels: BADGE_LEVELS.map((level) => ({
        level, label: req.t(`recognition.badges.level.${level}`),
        badges: badgeDefinitions().filter((b) => b.level === level).map((b) => ({
          ...views.badgeView(b, req.lang), holders: counts.get(b.key) ?? 0, mine: held.has(b.key),
        })),
      })).filter((l) => l.badges.length),
      mine: mine.map((g) => views.grantView(g, req.lang)).filter((g) => g.badge),
    });
  });

  const badgeLocals = async (req: Request) => {
    const b = badgeByKey(String(req.params.key));
    if (!b) throw notFound();
    const manage = canManageBadges(req.user);
    const [mine, holders] = await Promise.all([
      req.user ? q.badgesOf(ctx.ds, req.user.id) : [],
      manage ? q.holdersOf(ctx.ds, b.key) : [],
    ]);
    return {
      title: b[req.lang].name,
      badge: views.badgeView(b, req.lang),
      mine: mine.filter((g) => g.classKey === b.key).map((g) => views.grantView(g, req.lang)),
      signedIn: !!req.user,
      manage,
      canGrant: manage && b.criteria.type === 'manual',
      holders: holders.map((h) => ({ ...h, verifyUrl: `/recognition/assertions/${h.id}/verify` })),
    };
  };
  r.get('/recognition/badges/:key', async (req, res) => res.render('recognition/badges-show', await badgeLocals(req)));

  r.post('/recognition/badges/:key/grant', requireRole('facilitator'),
    validateForm(grantBadgeSchema, { view: 'recognition/badges-show', locals: badgeLocals }),
    async (req, res) => {
      await grantManualBadge(ctx, req.user!, String(req.params.key), formData<typeof grantBadgeSchema>(req));
      req.flash('success', 'recognition.badges.grant.done');
      res.redirect(303, `/recognition/badges/${String(req.params.key)}`);
    });

  // ---- Open Badges 2.0 hosted documents (public; verifiers and backpacks fetch them) ----

  r.use(['/recognition/badges/:key/class', '/recognition/badges/:key/image.svg', '/recognition/badges/:key/image.png', '/recognition/assertions/:id'], (req, res, next) => {
    if (req.method === 'GET' && !req.path.endsWith('/verify')) res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    next();
  });

  /** An SVG badge: its own tight policy, so a badge opened directly can run nothing. */
  const sendSvg = (res: Response, svg: string) =>
    res.type('image/svg+xml').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(svg);
  const sendJson = (res: Response, doc: unknown) => res.type('application/ld+json').send(JSON.stringify(doc));

  const badgeOr404 = (req: Request) => {
    const b = badgeByKey(String(req.params.key));
    if (!b) throw notFound();
    return b;
  };

  r.get('/recognition/badges/:key/class', (req, res) => sendJson(res, views.badgeClassJson(urls, badgeOr404(req))));
  r.get('/recognition/badges/:key/image.svg', (req, res) =>
    sendSvg(res.set('Cache-Control', 'public, max-age=86400'), badgeSvg(views.badgeImage(badgeOr404(req)))));
  r.get('/recognition/badges/:key/image.png', (req, res) => {
    const img = views.badgeImage(badgeOr404(req));
    res.type('image/png').set('Cache-Control', 'public, max-age=86400').send(badgePng(img.seed, 200, img.initials, img.ring));
  });

  /** The assertion and its class; 404 unknown; null after a 410 was sent for a revoked one. */
  const standing = async (req: Request, res: Response) => {
    const a = await q.assertionById(ctx.ds, String(req.params.id));
    const c = a && (await classOf(a));
    if (!a || !c) throw notFound();
    if (a.revokedAt) {
      res.status(410).type('application/ld+json').send(JSON.stringify(revokedAssertionJson(urls.assertion(a.id), a.revocationReason)));
      return null;
    }
    return { a, c, json: JSON.stringify(views.assertionJson(urls, base, a, c.url)) };
  };

  r.get('/recognition/assertions/:id', async (req, res) => {
    const s = await standing(req, res);
    if (s) res.type('application/ld+json').send(s.json);
  });
  r.get('/recognition/assertions/:id/badge.svg', async (req, res) => {
    const s = await standing(req, res);
    if (s) sendSvg(res, badgeSvg(s.c.image, { url: urls.assertion(s.a.id), json: s.json }));
  });
  r.get('/recognition/assertions/:id/badge.png', async (req, res) => {
    const s = await standing(req, res);
    if (s) res.type('image/png').send(bakePng(badgePng(s.c.image.seed, 200, s.c.image.initials, s.c.image.ring), s.json));
  });

  const verifyLocals = async (req: Request) => {
    const a = await q.assertionById(ctx.ds, String(req.params.id));
    if (!a) throw notFound();
    // A badge from its definition; a micro-degree from its table, shown the same way.
    const def = a.kind === 'badge' ? badgeByKey(a.classKey) : undefined;
    const degree = a.kind === 'microdegree' ? await microdegreeBySlug(ctx.ds, a.classKey) : null;
    const badge = def ? views.badgeView(def, req.lang) : degree ? views.microdegreeBadgeView(degree, req.lang) : null;
    if (!badge) throw notFound();
    const recipient = a.userId ? await q.recipientOf(ctx.ds, a.userId) : null;
    const name = badge.name;
    return {
      title: req.t('recognition.badges.assertion.title', { name }),
      badge,
      assertion: a,
      recipient: recipient && recipient.status === 'active' ? { name: recipient.name, handle: recipient.handle } : null,
      jsonUrl: `/recognition/assertions/${a.id}`,
      canRevoke: canManageBadges(req.user) && !a.revokedAt,
    };
  };
  r.get('/recognition/assertions/:id/verify', async (req, res) => res.render('recognition/badges-assertion', await verifyLocals(req)));

  r.post('/recognition/assertions/:id/revoke', requireRole('facilitator'),
    validateForm(revokeBadgeSchema, { view: 'recognition/badges-assertion', locals: verifyLocals }),
    async (req, res) => {
      await revokeBadge(ctx, req.user!, String(req.params.id), formData<typeof revokeBadgeSchema>(req).reason);
      req.flash('success', 'recognition.badges.revoke.done');
      res.redirect(303, `/recognition/assertions/${String(req.params.id)}/verify`);
    });

  return r;
}
