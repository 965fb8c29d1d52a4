// Writes for guides. Every edit is a revision that becomes the pending draft; approval by another
// facilitator publishes it (four eyes). Archiving, "still correct" and reading progress write directly.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { slugify } from '../../shared/slug.js';
import type { Actor } from '../../shared/identity.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { trackGuideActivity } from './guides.activity.js';
import { chapterUidIn, lockPublishedGuide } from './guides.store.js';
import { RESERVED_CHAPTER_SLUGS, RESERVED_GUIDE_SLUGS, sameContent, type GuideSnapshot, type SnapshotChapter } from './guides.model.js';
import { guidesPolicy } from './guides.policy.js';
import type { ChapterInput, GuideInput } from './guides.schemas.js';
import {
  activeMemberIdByHandle, archive, deleteChapterRead, draftAuthorIds, guideSlugTaken, insertChapterRead, insertGuide, lockGuide, markDueGuidesReminded,
  newChapterUid, proposeRevision, publishRevision, readableChapterId, renewReviewDate, requestDraftChanges, revisionSnapshot, scheduleReviewReminder,
  workingSnapshot, type GuideRow,
} from './guides.store.js';
import type { Db } from '../../db/sql.js';


async function ownerIdFor(db: Db, handle: string, fallback: number | null): Promise<number | null> {
  if (!handle) return fallback;
  const id = await activeMemberIdByHandle(db, handle.replace(/^@/, ''));
  if (id === null) throw invalid('validation.summary', { owner: 'guides.validation.owner' });
  return id;
}

function uniqueChapterSlug(wanted: string, taken: string[]): string {
  let base = slugify(wanted);
  if (RESERVED_CHAPTER_SLUGS.includes(base)) base = `${base}-1`;
  let slug = base;
  for (let n = 2; taken.includes(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Saves a revision unless it would change nothing (a save without changes is refused, not recorded). */
async function saveDraft(db: Db, guide: GuideRow, next: GuideSnapshot, actor: Actor, message: string, chapterUid: string | null, origin: 'app' | 'restore' | 'promote' = 'app'): Promise<number> {
  if (guide.status === 'archived') throw conflict('guides.errors.archived');
  const current = await workingSnapshot(db, guide);
  if (sameContent(current, next)) throw invalid('guides.errors.unchanged', { _form: 'guides.errors.unchanged' });
  return proposeRevision(db, guide, next, { authorId: actor.id, message, origin, chapterUid });
}

function checkLanguage(ctx: AppContext, language: string): void {
  if (!ctx.config.CONTENT_LANGUAGES.includes(language)) throw invalid('validation.summary', { language: 'translations.errors.language' });
}

export async function createGuide(ctx: AppContext, actor: Actor | undefined, input: GuideInput): Promise<string> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  checkLanguage(ctx, input.language);
  return inTransaction(ctx.ds, async (db) => {
    let slug = input.slug || slugify(input.title);
    if (RESERVED_GUIDE_SLUGS.includes(slug)) slug = `${slug}-guide`;
    if (await guideSlugTaken(db, slug)) throw conflict('validation.summary', { slug: 'validation.slugTaken' });
    const ownerId = await ownerIdFor(db, input.owner, actor!.id);
    const id = await insertGuide(db, {
      slug, title: input.title, summary: input.summary, tags: input.tags, ownerId,
      reviewIntervalMonths: input.reviewIntervalMonths, language: input.language, sortOrder: input.sortOrder,
    });
    const guide = await lockGuide(db, { id });
    const snapshot: GuideSnapshot = {
      title: input.title, summary: input.summary, tags: input.tags, ownerId, reviewIntervalMonths: input.reviewIntervalMonths,
      language: input.language, sortOrder: input.sortOrder, chapters: [],
    };
    await proposeRevision(db, guide, snapshot, { authorId: actor!.id, message: input.message || 'Leitfaden angelegt', origin: 'app' });
    await recordAudit(db, { actorId: actor!.id, action: 'guide.created', subjectType: 'guide', subjectId: guide.id });
    return slug;
  });
}

export async function updateGuide(ctx: AppContext, actor: Actor | undefined, slug: string, input: GuideInput): Promise<number> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    // A translation keeps its language (a translation into another one is a new translation).
    if (!guide.translationOfId) checkLanguage(ctx, input.language);
    const current = await workingSnapshot(db, guide);
    const next: GuideSnapshot = {
      ...current, title: input.title, summary: input.summary, tags: input.tags,
      ownerId: await ownerIdFor(db, input.owner, current.ownerId), reviewIntervalMonths: input.reviewIntervalMonths,
      language: guide.translationOfId ? guide.language : input.language, sortOrder: input.sortOrder,
    };
    return saveDraft(db, guide, next, actor!, input.message, null);
  });
}

/** Creates (uid null) or edits a chapter in the draft. Returns the chapter's uid. */
export async function saveChapter(ctx: AppContext, actor: Actor | undefined, slug: string, uid: string | null, input: ChapterInput): Promise<string> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  const html = renderMarkdown(input.body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    const current = await workingSnapshot(db, guide);
    const index = uid ? current.chapters.findIndex((c) => c.uid === uid) : -1;
    if (uid && index < 0) throw notFound();
    const others = current.chapters.filter((_, i) => i !== index).map((c) => c.slug);
    const chapterSlug = input.slug || (index >= 0 ? current.chapters[index]!.slug : uniqueChapterSlug(input.title, others));
    if (others.includes(chapterSlug)) throw conflict('validation.summary', { slug: 'validation.slugTaken' });
    const chapter: SnapshotChapter = {
      ...(index >= 0 ? current.chapters[index]! : { uid: newChapterUid(), sourceUrl: null, sourceTitle: null }),
      slug: chapterSlug, title: input.title, source: input.body, html,
    };
    const chapters = [...current.chapters];
    if (index >= 0) chapters[index] = chapter;
    else chapters.push(chapter);
    await saveDraft(db, guide, { ...current, chapters }, actor!, input.message, chapter.uid);
    return chapter.uid;
  });
}

export async function moveChapter(ctx: AppContext, actor: Actor | undefined, slug: string, uid: string, direction: 'up' | 'down'): Promise<void> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    const current = await workingSnapshot(db, guide);
    const i = current.chapters.findIndex((c) => c.uid === uid);
    if (i < 0) throw notFound();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= current.chapters.length) throw invalid('guides.errors.cannotMove', { _form: 'guides.errors.cannotMove' });
    const chapters = [...current.chapters];
    [chapters[i], chapters[j]] = [chapters[j]!, chapters[i]!];
    await saveDraft(db, guide, { ...current, chapters }, actor!, `Kapitel „${chapters[j]!.title}“ verschoben`, uid);
  });
}

export async function removeChapter(ctx: AppContext, actor: Actor | undefined, slug: string, uid: string): Promise<void> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    const current = await workingSnapshot(db, guide);
    const gone = current.chapters.find((c) => c.uid === uid);
    if (!gone) throw notFound();
    await saveDraft(db, guide, { ...current, chapters: current.chapters.filter((c) => c.uid !== uid) }, actor!, `Kapitel „${gone.title}“ entfernt`, uid);
  });
}

/** Restoring is an edit like any other: the old snapshot becomes a new draft revision (four eyes apply). */
export async function restoreRevision(ctx: AppContext, actor: Actor | undefined, slug: string, revisionId: number, message: string): Promise<number> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    const old = await revisionSnapshot(db, guide.id, revisionId);
    if (!old) throw notFound();
    return saveDraft(db, guide, old, actor!, message || `Stand von Revision ${revisionId} wiederhergestellt`, null, 'restore');
  });
}

async function pendingDraft(db: Db, slug: string, expectedRevisionId: number | undefined): Promise<GuideRow> {
  const guide = await lockGuide(db, { slug });
  if (!guide.draftRevisionId) throw conflict('guides.errors.noDraft');
  // The reviewer decides on what they saw: a newer save in between needs a fresh look.
  if (expectedRevisionId && expectedRevisionId !== guide.draftRevisionId) throw conflict('guides.errors.draftChanged');
  return guide;
}

async function notifyAuthors(db: Db, guide: GuideRow, authors: (number | null)[], kind: string, actorId: number, url: string): Promise<void> {
  for (const userId of new Set(authors)) {
    if (userId) await notify(db, { userId, kind, title: guide.title, language: guide.language, url, actorId, subjectType: 'guide', subjectId: guide.id });
  }
}

export async function approveDraft(ctx: AppContext, actor: Actor | undefined, slug: string, revisionId: number | undefined, comment: string): Promise<void> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const guide = await pendingDraft(db, slug, revisionId);
    const authors = await draftAuthorIds(db, guide);
    if (!guidesPolicy.canApprove(actor, authors)) throw forbidden('guides.errors.ownDraft');
    const publishActivity = await trackGuideActivity(db, guide.id, actor!.id);
    await publishRevision(db, guide, guide.draftRevisionId!, actor!.id, comment || null);
    await publishActivity();
    await notifyAuthors(db, guide, authors, 'guides.approved', actor!.id, `/guides/${guide.slug}`);
    await recordAudit(db, { actorId: actor!.id, action: 'guide.approved', subjectType: 'guide', subjectId: guide.id, details: { revisionId: guide.publishedRevisionId } });
  });
}

export async function requestChanges(ctx: AppContext, actor: Actor | undefined, slug: string, revisionId: number | undefined, comment: string): Promise<void> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const guide = await pendingDraft(db, slug, revisionId);
    const authors = await draftAuthorIds(db, guide);
    if (!guidesPolicy.canApprove(actor, authors)) throw forbidden('guides.errors.ownDraft');
    await requestDraftChanges(db, guide, actor!.id, comment);
    await notifyAuthors(db, guide, authors, 'guides.changesRequested', actor!.id, `/guides/${guide.slug}/review`);
  });
}

export async function archiveGuide(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  if (!guidesPolicy.canArchive(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    if (guide.status === 'archived') throw conflict('guides.errors.archived');
    const publishActivity = await trackGuideActivity(db, guide.id, actor!.id);
    await archive(db, guide);
    await publishActivity();
    await recordAudit(db, { actorId: actor!.id, action: 'guide.archived', subjectType: 'guide', subjectId: guide.id });
  });
}

/** "Still correct": renews the review date without a new revision. */
export async function confirmStillCorrect(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const guide = await lockGuide(db, { slug });
    if (!guidesPolicy.canConfirm(actor, guide)) throw forbidden();
    if (guide.status !== 'published') throw conflict('guides.errors.notPublished');
    await renewReviewDate(db, guide.id);
    await scheduleReviewReminder(db, guide.id);
    await recordAudit(db, { actorId: actor!.id, action: 'guide.confirmed', subjectType: 'guide', subjectId: guide.id });
  });
}

export async function markChapterRead(ctx: AppContext, actor: Actor | undefined, slug: string, chapterSlug: string): Promise<void> {
  if (!guidesPolicy.canTrackReading(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const chapterId = await readableChapterId(db, slug, chapterSlug);
    if (chapterId === null) throw notFound();
    await insertChapterRead(db, actor!.id, chapterId);
  });
}

export async function markChapterUnread(ctx: AppContext, actor: Actor | undefined, slug: string, chapterSlug: string): Promise<void> {
  if (!guidesPolicy.canTrackReading(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    await deleteChapterRead(db, actor!.id, slug, chapterSlug);
  });
}

export interface PromoteInput {
  guideId: number;
  /** Append to this published chapter … */
  chapterId?: number;
  /** … or start a new chapter with this title. */
  newChapterTitle?: string;
  sourceUrl: string;
  sourceTitle: string;
  markdown: string;
  /** The draft's message (default: taken over from the forum). */
  message?: string;
}

/**
 * Promote to guide: a draft revision of a published guide that appends to one of its chapters or
 * adds one, citing the source. It goes through review like any edit. Runs in the caller's
 * transaction `db` (the forum reads its answer in the same one); every read and write of the
 * guide happens here, under the guide's row lock. The field messages are the promote form's.
 */
export async function promoteInTransaction(db: Db, actor: Actor | undefined, input: PromoteInput): Promise<{ revisionId: number; guideSlug: string }> {
  if (!guidesPolicy.canEdit(actor)) throw forbidden();
  // Absolute http(s) links or site paths; not protocol-relative "//host" links.
  if (!/^(https?:\/\/|\/(?!\/))[^\s]*$/.test(input.sourceUrl)) throw invalid('validation.url', { sourceUrl: 'validation.url' });
  const citation = `\n\n> Quelle: [${input.sourceTitle.replace(/[[\]]/g, '')}](${input.sourceUrl})\n`;
  const guide = await lockPublishedGuide(db, input.guideId);
  if (!guide) throw invalid('validation.summary', { guideId: 'guides.promoteTarget.guideUnknown' });
  const uid = input.chapterId ? await chapterUidIn(db, guide.id, input.chapterId) : null;
  if (input.chapterId && !uid) throw invalid('validation.summary', { chapterId: 'guides.promoteTarget.chapterMismatch' });
  const current = await workingSnapshot(db, guide);
  const chapters = [...current.chapters];
  let chapter: SnapshotChapter;
  if (uid) {
    const index = chapters.findIndex((c) => c.uid === uid);
    if (index < 0) throw notFound();
    const source = `${chapters[index]!.source.trimEnd()}\n\n${input.markdown.trim()}${citation}`;
    chapter = { ...chapters[index]!, source, html: renderMarkdown(source, 'markdown'), sourceUrl: input.sourceUrl, sourceTitle: input.sourceTitle };
    chapters[index] = chapter;
  } else {
    const title = (input.newChapterTitle ?? '').trim();
    if (title.length < 2) throw invalid('validation.summary', { newChapterTitle: 'validation.required' });
    const source = `${input.markdown.trim()}${citation}`;
    chapter = { uid: newChapterUid(), slug: uniqueChapterSlug(title, chapters.map((c) => c.slug)), title, source,
      html: renderMarkdown(source, 'markdown'), sourceUrl: input.sourceUrl, sourceTitle: input.sourceTitle };
    chapters.push(chapter);
  }
  const revisionId = await saveDraft(db, guide, { ...current, chapters }, actor!, (input.message ?? `Aus dem Forum übernommen: ${input.sourceTitle}`).slice(0, 500), chapter.uid, 'promote');
  return { revisionId, guideSlug: guide.slug };
}

/** Promote to guide in a transaction of its own. Returns the revision id. */
export async function promoteToGuide(ctx: AppContext, actor: Actor | undefined, input: PromoteInput): Promise<number> {
  return (await inTransaction(ctx.ds, (db) => promoteInTransaction(db, actor, input))).revisionId;
}

/**
 * Content health: one reminder to the owner per due date. `reminded_for` records the date reminded
 * about, so calling this again (queue page, boot, worker) sends nothing new until the date moves.
 */
export async function remindDueGuides(ctx: AppContext): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const due = await markDueGuidesReminded(db);
    for (const g of due) {
      if (g.ownerId) await notify(db, { userId: g.ownerId, kind: 'guides.reviewDue', title: g.title, language: g.language, url: `/guides/${g.slug}`, subjectType: 'guide', subjectId: g.id });
    }
    return due.length;
  });
}
