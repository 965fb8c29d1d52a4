// The home page, the accessibility statement with its feedback form, imprint, privacy, and
// placeholder pages for modules not built yet.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { forbidden } from '../../shared/errors.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { accountsPolicy } from '../accounts/index.js';
import { feedbackSchema } from './pages.schemas.js';
import { recentFeedback } from './pages.queries.js';
import { submitFeedback } from './pages.service.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { welcomeSchema } from './welcome.schemas.js';
import { completeWelcome, skipWelcome } from './welcome.service.js';
import { FIGURES_MAX_AGE_MS, networkFigures, visitorHome, welcomeLocals } from './welcome.views.js';
import { refreshedEvery } from '../../shared/refreshed.js';

/** Sections whose modules are not built yet; each module removes its entry when it lands. */
export const PLACEHOLDERS: { path: string; title: string }[] = [
];

export function pagesRouter(ctx: AppContext): Router {
  const r = Router();

  // The visitors' home page (signed in, the home module's start page takes `/` first when present).
  const figures = refreshedEvery(FIGURES_MAX_AGE_MS, () => networkFigures(ctx));
  r.get('/', async (req, res) => res.render('pages/home', { title: req.t('pages.home.title'), ...(await visitorHome(ctx, req.lang, figures)) }));

  // The welcome page for new members: one page, one form, no script; "Skip" never shows it again.
  const welcome = (req: Request) => welcomeLocals(ctx.ds, req.user!, req.lang, req.t);
  r.get('/welcome', requireUser, async (req, res) => res.render('pages/welcome', await welcome(req)));
  r.post('/welcome', requireUser, validateForm(welcomeSchema, { view: 'pages/welcome', locals: welcome }), async (req, res) => {
    await completeWelcome(ctx, req.user!, formData<typeof welcomeSchema>(req));
    req.flash('success', 'home.onboarding.saved');
    res.redirect(303, '/');
  });
  r.post('/welcome/skip', requireUser, async (req, res) => {
    await skipWelcome(ctx, req.user!);
    req.flash('info', 'home.onboarding.skipped');
    res.redirect(303, '/');
  });
  r.get('/impressum', (req, res) => res.render('pages/imprint', { title: req.t('pages.imprint.title') }));
  r.get('/datenschutz', (req, res) => res.render('pages/privacy', { title: req.t('pages.privacy.title') }));

  r.get('/barrierefreiheit', (req, res) => {
    res.render('pages/accessibility', { title: req.t('pages.accessibility.title'), values: { page: String(req.query.page ?? '') } });
  });
  r.post('/barrierefreiheit',
    validateForm(feedbackSchema, { view: 'pages/accessibility', locals: (req) => ({ title: req.t('pages.accessibility.title') }) }),
    async (req, res) => {
      await submitFeedback(ctx, req.user?.id ?? null, formData<typeof feedbackSchema>(req));
      req.flash('success', 'pages.accessibility.feedback.thanks');
      res.redirect(303, '/barrierefreiheit');
    });

  r.get('/admin/feedback', requireRole('facilitator'), async (req, res) => {
    if (!accountsPolicy.canReadFeedback(req.user)) throw forbidden();
    const items = await recentFeedback(ctx.ds);
    res.render('pages/feedback-list', { title: req.t('pages.feedbackList.title'), items });
  });

  for (const p of PLACEHOLDERS) {
    r.get(p.path, (req, res) => res.render('pages/placeholder', { title: req.t(p.title) }));
  }
  return r;
}
