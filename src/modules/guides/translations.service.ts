// Writes for guide translations. Starting a translation copies the original (chapters keep their
// uid, so each translated chapter stays linked to its original chapter) into a new guide row in the
// target language, as a pending draft: from there it is edited, reviewed (four eyes) and published
// like any guide, with its own revision history.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import type { Actor } from '../../shared/identity.js';
import { recordAudit } from '../audit/index.js';
import { guidesPolicy } from './guides.policy.js';
import { lockGuide, proposeRevision, publishedSnapshot, workingSnapshot } from './guides.store.js';
import * as store from './translations.store.js';

export async function startTranslation(ctx: AppContext, actor: Actor | undefined, slug: string, language: string): Promise<string> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  if (!ctx.config.CONTENT_LANGUAGES.includes(language)) throw invalid('validation.summary', { language: 'translations.errors.language' });
  return inTransaction(ctx.ds, async (db) => {
    const original = await lockGuide(db, { slug });
    if (original.translationOfId) throw invalid('validation.summary', { language: 'translations.errors.ofTranslation' });
    if (original.status === 'archived') throw conflict('guides.errors.archived');
    if (language === original.language) throw invalid('validation.summary', { language: 'translations.errors.sameLanguage' });
    if (await store.translationExists(db, original.id, language)) throw conflict('validation.summary', { language: 'translations.errors.exists' });
    const base = original.publishedRevisionId ? await publishedSnapshot(db, original) : await workingSnapshot(db, original);
    const snapshot = { ...base, language, ownerId: actor!.id };
    const id = await store.insertTranslation(db, { slug: await store.freeSlug(db, `${original.slug}-${language}`), originalId: original.id, language, snapshot, source: 'app' });
    const translation = await lockGuide(db, { id });
    await proposeRevision(db, translation, snapshot, { authorId: actor!.id, message: `Übersetzung (${language}) begonnen`, origin: 'app' });
    await recordAudit(db, { actorId: actor!.id, action: 'guide.translationStarted', subjectType: 'guide', subjectId: id, details: { originalId: original.id, language } });
    return translation.slug;
  });
}

/** A facilitator checked the translation against the changed original: no longer outdated. */
export async function markTranslationCurrent(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const t = await lockGuide(db, { slug });
    if (!t.translationOfId) throw notFound();
    if (t.status !== 'published') throw conflict('guides.errors.notPublished');
    await store.markCurrent(db, t.id);
    await recordAudit(db, { actorId: actor!.id, action: 'guide.translationConfirmed', subjectType: 'guide', subjectId: t.id });
  });
}
