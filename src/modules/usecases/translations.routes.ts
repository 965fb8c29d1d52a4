// Use-case translations in the app: a case's languages with their state (/use-cases/:slug/translations),
// the form for one language with the text waiting for review and the history
// (/use-cases/:slug/translations/:lang), approve / refuse, and the facilitators' list of outdated and
// waiting translations of every case (/use-cases/translations). Checklist routes; the work is in the service.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { languageName } from '../../shared/content-language.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { loadCase, type CaseRow } from './case.queries.js';
import { approveSchema, refuseSchema, translationTextSchema } from './translations.schemas.js';
import { approveTranslation, isTranslationLanguage, refuseTranslation, saveTranslation } from './translations.service.js';
import * as tr from './translations.store.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';

const actorOf = (req: Request): UcActor | undefined => req.user;
const slugOf = (req: Request) => String(req.params.slug);
const langOf = (req: Request) => String(req.params.lang);

/** The state a language's translation is in, for the overview: none, waiting for review, published, outdated. */
function stateOf(s: tr.TranslationState | undefined): 'none' | 'pending' | 'published' | 'outdated' {
  if (!s) return 'none';
  if (s.pendingId) return 'pending';
  if (s.title === null) return 'none';
  return s.outdated ? 'outdated' : 'published';
}

export function translationsRouter(ctx: AppContext): Router {
  const r = Router();
  const languages = () => ctx.config.CONTENT_LANGUAGES;

  /** The case, for someone who may translate it (visitors are sent to sign in by requireUser). */
  const translatable = async (req: Request): Promise<CaseRow> => {
    const uc = await loadCase(ctx.ds, slugOf(req));
    const actor = actorOf(req);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canTranslate(actor, uc)) throw forbidden();
    return uc;
  };
  const caseView = (req: Request, uc: CaseRow) => ({
    slug: uc.slug, title: uc.title, summary: uc.summary, language: uc.language, languageName: languageName(uc.language, req.lang),
  });

  // ---- facilitators: every outdated or waiting translation ----
  r.get('/use-cases/translations', requireRole('facilitator'), async (req, res) => {
    const entries = (await tr.translationQueue(ctx.ds)).map((e) => ({
      ...e, languageName: languageName(e.language, req.lang), href: `/use-cases/${e.slug}/translations/${e.language}`,
    }));
    res.render('usecases/translations-queue', {
      title: req.t('translations.usecase.queue.title'),
      entries,
      pendingCount: entries.filter((e) => e.hasPending).length,
      outdatedCount: entries.filter((e) => e.outdated).length,
    });
  });

  // ---- one case: its languages ----
  r.get('/use-cases/:slug/translations', requireUser, async (req, res) => {
    const uc = await translatable(req);
    const states = await tr.translationStates(ctx.ds, uc.id);
    const rows = languages().filter((l) => isTranslationLanguage(languages(), uc, l)).map((language) => {
      const s = states.find((x) => x.language === language);
      const state = stateOf(s);
      return {
        language, languageName: languageName(language, req.lang), state, stateKey: `translations.usecase.state.${state}`,
        title: s?.title ?? null, href: `/use-cases/${uc.slug}/translations/${language}`,
        pendingAuthorName: s?.pendingAuthorName ?? null, pendingAt: s?.pendingAt ?? null,
        // The approved text is outdated even while a new one waits: readers see the warning until it is approved.
        outdated: !!s?.outdated,
      };
    });
    res.render('usecases/translations', {
      title: req.t('translations.usecase.overview.title', { title: uc.title }),
      heading: req.tMarked('translations.usecase.overview.title', { title: uc.title }, 'title', uc.language),
      uc: caseView(req, uc),
      languages: rows,
    });
  });

  // ---- one language: the form, the text waiting for review, the history ----
  const formLocals = async (req: Request) => {
    const uc = await translatable(req);
    const language = langOf(req);
    if (!isTranslationLanguage(languages(), uc, language)) throw notFound();
    const actor = actorOf(req);
    const [published, pending, history] = await Promise.all([
      tr.translationOf(ctx.ds, uc.id, language), tr.pendingRevision(ctx.ds, uc.id, language), tr.revisionsOf(ctx.ds, uc.id, language),
    ]);
    const approved = history.find((h) => h.status === 'approved');
    const name = languageName(language, req.lang);
    const heading = (s: string) => req.t(`usecases.narrative.${s}`);
    /** A text's translated sections, in the report's order, for the pending text and the history. */
    const sectionsOf = (t: { narrativeHtml: tr.Sections }) =>
      NARRATIVE_SECTIONS.filter((s) => t.narrativeHtml[s]).map((s) => ({ name: s, heading: heading(s), html: t.narrativeHtml[s] }));
    const base = pending ?? published;
    // Per section of the original: the original (read-only, for reference) above its translation's
    // field. `changed`: the original's section differs from the one the approved translation was
    // written from (that makes it outdated); `untranslated`: the approved text leaves it out.
    const sections = NARRATIVE_SECTIONS.filter((s) => uc.narrativeHtml[s]).map((s) => {
      const from = published?.sourceNarrative[s];
      const changed = from !== undefined && from !== (uc.narrative[s] ?? '');
      return {
        name: s, heading: heading(s), originalHtml: uc.narrativeHtml[s],
        changed, writtenFrom: changed ? from : null, untranslated: !!published && !published.narrative[s],
        labelId: `uc-tr-section-${s}`,
      };
    });
    return {
      title: req.t('translations.usecase.form.title', { language: name, title: uc.title }),
      heading: req.tMarked('translations.usecase.form.title', { language: name, title: uc.title }, 'title', uc.language),
      uc: caseView(req, uc),
      language, languageName: name,
      published,
      // What the original's title and summary said when the approved text was written, when they have
      // changed since (a changed section is marked at its field instead).
      writtenFrom: published?.outdated && approved && (approved.sourceTitle !== uc.title || approved.sourceSummary !== uc.summary)
        ? { title: approved.sourceTitle, summary: approved.sourceSummary } : null,
      pending: pending ? {
        ...pending,
        sections: sectionsOf(pending),
        mine: pending.authorId === actor?.id,
        canReview: policy.canReviewTranslation(actor, uc, pending.authorId),
      } : null,
      publishedSections: published ? sectionsOf(published) : [],
      sections,
      changedCount: sections.filter((x) => x.changed).length,
      history: history.map((h, i) => {
        // What this text changed against the one before it (the history is newest first): title,
        // summary and sections by name; the first text changed nothing.
        const before = history[i + 1];
        const changed = !before ? [] : [
          ...(h.title !== before.title ? [req.t('translations.usecase.fields.title')] : []),
          ...(h.summary !== before.summary ? [req.t('translations.usecase.fields.summary')] : []),
          ...NARRATIVE_SECTIONS.filter((s) => (h.narrative[s] ?? '') !== (before.narrative[s] ?? '')).map(heading),
        ];
        return {
          ...h, sections: sectionsOf(h), changed: changed.join(', '), unchangedText: !!before && !changed.length,
          statusKey: `translations.usecase.status.${h.status}`, originKey: `translations.usecase.origin.${h.origin}`,
        };
      }),
      action: `/use-cases/${uc.slug}/translations/${language}`,
      values: {
        title: base?.title ?? '', summary: base?.summary ?? '',
        ...Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, base?.narrative[s] ?? ''])),
      },
    };
  };
  const form = { view: 'usecases/translation-form', locals: formLocals };
  /** Before the form is read: may this member translate this case, into this language? (A refusal is never a re-rendered form.) */
  const mayTranslate = async (req: Request, _res: Response, next: NextFunction) => {
    const uc = await translatable(req);
    if (!isTranslationLanguage(languages(), uc, langOf(req))) throw notFound();
    next();
  };
  const backToForm = (req: Request) => `/use-cases/${slugOf(req)}/translations/${langOf(req)}`;

  r.get('/use-cases/:slug/translations/:lang', requireUser, async (req, res) => res.render('usecases/translation-form', await formLocals(req)));
  r.post('/use-cases/:slug/translations/:lang', requireUser, mayTranslate, validateForm(translationTextSchema, form), async (req, res) => {
    await saveTranslation(ctx, actorOf(req), slugOf(req), langOf(req), formData<typeof translationTextSchema>(req));
    req.flash('success', 'translations.usecase.flash.saved');
    res.redirect(303, backToForm(req));
  });
  r.post('/use-cases/:slug/translations/:lang/approve', requireUser, mayTranslate, validateForm(approveSchema, form), async (req, res) => {
    const { revision, note } = formData<typeof approveSchema>(req);
    await approveTranslation(ctx, actorOf(req), slugOf(req), langOf(req), revision, note);
    req.flash('success', 'translations.usecase.flash.approved');
    res.redirect(303, backToForm(req));
  });
  r.post('/use-cases/:slug/translations/:lang/refuse', requireUser, mayTranslate, validateForm(refuseSchema, form), async (req, res) => {
    const { revision, reason } = formData<typeof refuseSchema>(req);
    await refuseTranslation(ctx, actorOf(req), slugOf(req), langOf(req), revision, reason);
    req.flash('success', 'translations.usecase.flash.refused');
    res.redirect(303, backToForm(req));
  });
  return r;
}
