// Writes for use-case translations written in the app: a new text is saved as a pending revision;
// a second person who may edit the case approves it (then readers see it) or refuses it with a reason.
// Each runs in one transaction with the case row locked, so two decisions cannot cross. Who may
// approve is notified when a text waits, and its translator of the decision (group "review").
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { Db } from '../../db/sql.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import { activeFacilitators } from '../accounts/index.js';
import { notify } from '../notifications/index.js';
import { renderMarkdown } from '../../shared/markdown.js';
import type { CaseRow } from './case.queries.js';
import type { TranslationTextInput } from './translations.schemas.js';
import * as tr from './translations.store.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import * as store from './usecases.store.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';

/** A case can be translated into every content language but its own; any other language is not found. */
export function isTranslationLanguage(contentLanguages: readonly string[], uc: { language: string }, language: string): boolean {
  return contentLanguages.includes(language) && language !== uc.language;
}

async function lockCase(ctx: AppContext, db: Db, actor: UcActor | undefined, slug: string, language: string): Promise<CaseRow> {
  const uc = await store.lockCase(db, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  if (!policy.canTranslate(actor, uc)) throw forbidden();
  if (!isTranslationLanguage(ctx.config.CONTENT_LANGUAGES, uc, language)) throw notFound();
  return uc;
}

/** The translated sections of the form, trimmed, without the empty ones (not translated: readers see the original's). */
export function translatedSections(input: Partial<Record<string, string>>): tr.Sections {
  const out: tr.Sections = {};
  for (const s of NARRATIVE_SECTIONS) {
    const text = (input[s] ?? '').replace(/\r\n/g, '\n').trim();
    if (text) out[s] = text;
  }
  return out;
}

const sameSections = (a: tr.Sections, b: tr.Sections) =>
  NARRATIVE_SECTIONS.every((s) => (a[s] ?? '') === (b[s] ?? ''));

/**
 * Saves a translated title, summary and narrative sections as a revision waiting for review (it
 * replaces one already waiting). Readers keep the approved text until then. Returns the revision's id.
 * A section is translated only where the original has one: text for a section the original left empty
 * (or emptied meanwhile) is refused on its field, so nothing typed is dropped unseen.
 */
export async function saveTranslation(ctx: AppContext, actor: UcActor | undefined, slug: string, language: string, input: TranslationTextInput): Promise<number> {
  const narrative = translatedSections(input);
  // Rendered before the transaction with the original's renderer: a Markdown problem is a 422 on its field.
  const narrativeHtml = Object.fromEntries(Object.entries(narrative).map(([s, text]) => [s, renderMarkdown(text, s)]));
  return inTransaction(ctx.ds, async (db) => {
    const uc = await lockCase(ctx, db, actor, slug, language);
    const orphan = Object.keys(narrative).find((s) => !uc.narrative[s]?.trim());
    if (orphan) throw invalid('validation.summary', { [orphan]: 'translations.usecase.validation.noOriginalSection' });
    const pending = await tr.lockPending(db, uc.id, language);
    const published = await tr.translationOf(db, uc.id, language);
    const same = (t: { title: string; summary: string; narrative: tr.Sections } | null) =>
      !!t && t.title === input.title && t.summary === input.summary && sameSections(t.narrative, narrative);
    // Nothing new to review: the text waiting already says this (written from the current original),
    // or it is the approved text and that is not outdated. An outdated text saved unchanged is a
    // "still matches the original", which goes through review like any text.
    if ((same(pending) && pending!.current) || (!pending && same(published) && !published!.outdated)) {
      throw invalid('translations.usecase.unchanged');
    }
    const id = await tr.insertPending(db, { useCaseId: uc.id, language, title: input.title, summary: input.summary, narrative, narrativeHtml, authorId: actor!.id });
    // Who may approve hears that a text waits: everyone when nothing waited before; when it replaces
    // someone else's waiting text, that person (now a possible reviewer). Never its own author.
    const reviewers = !pending
      ? [uc.createdById, ...uc.editorIds, ...(await activeFacilitators(db)).map((f) => f.id)]
      : pending.authorId !== actor!.id ? [pending.authorId] : [];
    for (const userId of new Set(reviewers)) {
      if (userId !== null && userId !== actor!.id) await notifyAbout(db, uc, language, userId, 'usecase.translationReview', actor!.id);
    }
    return id;
  });
}

/** A notification about the case's translation into `language`, linking to its translation page (text, review, history). */
async function notifyAbout(db: Db, uc: CaseRow, language: string, userId: number, kind: string, actorId: number): Promise<void> {
  await notify(db, {
    userId, kind, title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}/translations/${language}`, actorId,
    subjectType: 'use_case', subjectId: uc.id, vars: { contentLanguage: language },
  });
}

async function pendingToDecide(db: Db, uc: CaseRow, actor: UcActor | undefined, language: string, revisionId: number): Promise<tr.PendingRevision> {
  const pending = await tr.lockPending(db, uc.id, language);
  if (!pending) throw conflict('translations.usecase.noPending');
  // The reviewer decides on what they saw: a newer text saved in between needs a fresh look.
  if (pending.id !== revisionId) throw conflict('translations.usecase.changed');
  if (!policy.canReviewTranslation(actor, uc, pending.authorId)) throw forbidden('translations.usecase.ownText');
  return pending;
}

/** Four eyes: approves the waiting text (readers see it from now on). */
export async function approveTranslation(ctx: AppContext, actor: UcActor | undefined, slug: string, language: string, revisionId: number, note: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await lockCase(ctx, db, actor, slug, language);
    const pending = await pendingToDecide(db, uc, actor, language, revisionId);
    await tr.approve(db, pending.id, actor!.id, note);
    if (pending.authorId !== null) await notifyAbout(db, uc, language, pending.authorId, 'usecase.translationApproved', actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'use_case.translation_approved', subjectType: 'use_case', subjectId: uc.id, details: { language, revisionId: pending.id } });
  });
}

/** Refuses the waiting text with a reason (kept in the history); readers keep the approved text. */
export async function refuseTranslation(ctx: AppContext, actor: UcActor | undefined, slug: string, language: string, revisionId: number, reason: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await lockCase(ctx, db, actor, slug, language);
    const pending = await pendingToDecide(db, uc, actor, language, revisionId);
    await tr.refuse(db, pending.id, actor!.id, reason);
    if (pending.authorId !== null) await notifyAbout(db, uc, language, pending.authorId, 'usecase.translationRefused', actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'use_case.translation_refused', subjectType: 'use_case', subjectId: uc.id, details: { language, revisionId: pending.id } });
  });
}
