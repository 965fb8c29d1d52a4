// Guide translations for facilitators: the overview of every translation (outdated ones first),
// a guide's translations with the form to start one, and "still matches the original".
import type { NextFunction, Request, Response, Router } from 'express';
import type { AppContext } from '../module.js';
import { languageName } from '../../shared/content-language.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import type { GuideDetail } from './guides.queries.js';
import { emptySchema, translationSchema } from './guides.schemas.js';
import * as store from './translations.store.js';
import * as service from './translations.service.js';
import { translationListView } from './translations.views.js';

interface Helpers {
  editable: (req: Request) => Promise<GuideDetail>;
  keepParams: (req: Request, res: Response, next: NextFunction) => void;
  param: (req: Request, name: string) => string;
}

export function translationRoutes(r: Router, ctx: AppContext, h: Helpers): void {
  const ds = ctx.ds;

  r.get('/guides/translations', requireRole('facilitator'), async (req, res) => {
    const list = translationListView(await store.allTranslations(ds), req.lang);
    res.render('guides/translations', {
      title: req.t('translations.overview.title'), translations: list, outdatedCount: list.filter((t) => t.outdated).length,
      languages: ctx.config.CONTENT_LANGUAGES.map((l) => languageName(l, req.lang)).join(', '),
    });
  });

  const translateLocals = async (req: Request) => {
    const g = await h.editable(req);
    const original = g.translationOfId ? await store.originalOf(ds, g.translationOfId) : null;
    const existing = g.translationOfId ? [] : await store.translationsOf(ds, g.id);
    const taken = new Set([g.language, ...existing.map((t) => t.language)]);
    return {
      title: req.t('translations.guide.title', { title: g.title }),
      heading: req.tMarked('translations.guide.title', { title: g.title }, 'title', g.language),
      guide: { slug: g.slug, title: g.title, language: g.language, languageName: languageName(g.language, req.lang) },
      originalSlug: original?.slug ?? null,
      translations: translationListView(existing, req.lang),
      languageOptions: ctx.config.CONTENT_LANGUAGES.filter((l) => !taken.has(l)).map((l) => ({ value: l, label: languageName(l, req.lang) })),
      canStart: !g.translationOfId && g.status !== 'archived',
      values: {},
    };
  };
  r.get('/guides/:slug/translate', requireRole('facilitator'), async (req, res) => res.render('guides/translate', await translateLocals(req)));
  r.post('/guides/:slug/translate', requireRole('facilitator'), h.keepParams,
    validateForm(translationSchema, { view: 'guides/translate', locals: translateLocals }), async (req, res) => {
      const slug = await service.startTranslation(ctx, req.user, h.param(req, 'slug'), formData<typeof translationSchema>(req).language);
      req.flash('success', 'translations.flash.started');
      res.redirect(303, `/guides/${slug}/edit`);
    });
  r.post('/guides/:slug/translation-current', requireRole('facilitator'), h.keepParams,
    validateForm(emptySchema, { view: 'errors/400' }), async (req, res) => {
      await service.markTranslationCurrent(ctx, req.user, h.param(req, 'slug'));
      req.flash('success', 'translations.flash.current');
      res.redirect(303, '/guides/translations');
    });
}
