// The revision machinery shared by the app, the file sync and promote-to-guide. Every function
// takes the transaction's `db`. Published content lives in the guide and chapter rows; a pending
// edit is the revision `guides.draft_revision_id` points at; publishing copies its snapshot into rows.
import { randomUUID } from 'node:crypto';
import { notFound } from '../../shared/errors.js';
import { addToOutbox } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { notify } from '../notifications/index.js';
import type { GuideSnapshot, GuideStatus, ReviewState, RevisionOrigin, SnapshotChapter } from './guides.model.js';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { Guide, GuideChapter, GuideRead, GuideRevision } from './guide.entity.js';
import { activeFacilitators } from '../accounts/index.js';


export interface GuideRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  ownerId: number | null;
  status: GuideStatus;
  reviewState: ReviewState;
  reviewIntervalMonths: number;
  verifiedOn: string | null;
  nextReviewOn: string | null;
  remindedFor: string | null;
  language: string;
  sortOrder: number;
  source: 'app' | 'file';
  sourceHash: string | null;
  publishedRevisionId: number | null;
  draftRevisionId: number | null;
  /** A translation: the original guide's id (null for originals). */
  translationOfId: number | null;
  /** A translation: the original's published revision its published text was written from. */
  sourceRevisionId: number | null;
}

export const GUIDE_COLUMNS = `g.id, g.slug, g.title, g.summary, g.tags, g.owner_id AS "ownerId", g.status, g.review_state AS "reviewState",
  g.review_interval_months AS "reviewIntervalMonths", to_char(g.verified_on, 'YYYY-MM-DD') AS "verifiedOn",
  to_char(g.next_review_on, 'YYYY-MM-DD') AS "nextReviewOn", to_char(g.reminded_for, 'YYYY-MM-DD') AS "remindedFor",
  g.language, g.sort_order AS "sortOrder", g.source, g.source_hash AS "sourceHash",
  g.published_revision_id AS "publishedRevisionId", g.draft_revision_id AS "draftRevisionId",
  g.translation_of_id AS "translationOfId", g.source_revision_id AS "sourceRevisionId"`;

export const newChapterUid = () => `c-${randomUUID().slice(0, 8)}`;

/** Loads and locks a guide for a write (by id or slug); 404 when it does not exist. */
export async function lockGuide(db: Db, key: { id: number } | { slug: string }): Promise<GuideRow> {
  const row = 'id' in key
    ? await one<GuideRow>(db, `SELECT ${GUIDE_COLUMNS} FROM guides g WHERE g.id = $1 FOR UPDATE`, [key.id])
    : await one<GuideRow>(db, `SELECT ${GUIDE_COLUMNS} FROM guides g WHERE g.slug = $1 FOR UPDATE`, [key.slug]);
  if (!row) throw notFound();
  return row;
}

export async function revisionSnapshot(db: Db, guideId: number, revisionId: number): Promise<GuideSnapshot | null> {
  const row = await db.findOne(GuideRevision, { select: { snapshot: true }, where: { id: revisionId, guideId } });
  return row?.snapshot ?? null;
}

/** The published version as a snapshot, built from the rows (what readers see). */
export async function publishedSnapshot(db: Db, guide: GuideRow): Promise<GuideSnapshot> {
  // The id is selected because TypeORM groups the rows by primary key; the snapshot does not keep it.
  const chapters: SnapshotChapter[] = (await db.find(GuideChapter, {
    select: { id: true, uid: true, slug: true, title: true, bodySource: true, bodyHtml: true, sourceUrl: true, sourceTitle: true },
    where: { guideId: guide.id }, order: { position: 'ASC' },
  })).map((c) => ({ uid: c.uid, slug: c.slug, title: c.title, source: c.bodySource, html: c.bodyHtml, sourceUrl: c.sourceUrl, sourceTitle: c.sourceTitle }));
  return {
    title: guide.title, summary: guide.summary, tags: guide.tags, ownerId: guide.ownerId,
    reviewIntervalMonths: guide.reviewIntervalMonths, language: guide.language, sortOrder: guide.sortOrder,
    chapters: chapters.map((c) => ({ ...c, sourceUrl: c.sourceUrl ?? null, sourceTitle: c.sourceTitle ?? null })),
  };
}

/** What an editor starts from: the pending draft if there is one, else the published version. */
export async function workingSnapshot(db: Db, guide: GuideRow): Promise<GuideSnapshot> {
  if (guide.draftRevisionId) {
    const s = await revisionSnapshot(db, guide.id, guide.draftRevisionId);
    if (s) return s;
  }
  return publishedSnapshot(db, guide);
}

/** Everyone who wrote a revision of the pending draft (revisions after the published one). */
export async function draftAuthorIds(db: Db, guide: GuideRow): Promise<(number | null)[]> {
  if (!guide.draftRevisionId) return [];
  const authors = await rows<{ authorId: number | null }>(db,
    `SELECT DISTINCT author_id AS "authorId" FROM guide_revisions WHERE guide_id = $1 AND id > $2`,
    [guide.id, guide.publishedRevisionId ?? 0]);
  return authors.map((r) => r.authorId);
}

export interface ProposeOptions {
  authorId: number | null;
  message: string;
  origin: RevisionOrigin;
  chapterUid?: string | null;
  /** No "review requested" notifications (an operator publishing files at once). */
  quiet?: boolean;
}

/**
 * Records a revision as the guide's pending draft. Readers keep seeing the published rows; a guide
 * that was never published moves to "in review". Facilitators hear about it when review starts.
 */
export async function proposeRevision(db: Db, guide: GuideRow, snapshot: GuideSnapshot, o: ProposeOptions): Promise<number> {
  // (a jsonb snapshot does not fit TypeORM's deep-partial type)
  const inserted = await db.insert(GuideRevision, {
    guideId: guide.id, chapterUid: o.chapterUid ?? null, authorId: o.authorId, origin: o.origin, message: o.message.slice(0, 500), snapshot,
  } as QueryDeepPartialEntity<GuideRevision>);
  const rev = { id: inserted.identifiers[0]!.id as number };
  // A translation's revision remembers which published text of the original it was written from.
  if (guide.translationOfId) {
    await affected(db, `UPDATE guide_revisions SET source_revision_id = (SELECT published_revision_id FROM guides WHERE id = $2) WHERE id = $1`,
      [rev.id, guide.translationOfId]);
  }
  if (guide.draftRevisionId) {
    await db.update(GuideRevision, { id: guide.draftRevisionId, status: In(['pending', 'changes_requested']) }, { status: 'superseded' });
  }
  const status: GuideStatus = guide.status === 'published' || guide.status === 'archived' ? guide.status : 'in_review';
  // A guide nobody can read yet shows its proposed title in the queues.
  const meta = guide.publishedRevisionId ? {} : { title: snapshot.title, summary: snapshot.summary };
  await affected(db,
    `UPDATE guides SET draft_revision_id = $2, review_state = 'in_review', status = $3, updated_at = now(),
            title = coalesce($4, title), summary = coalesce($5, summary) WHERE id = $1`,
    [guide.id, rev.id, status, meta.title ?? null, meta.summary ?? null]);
  if (guide.reviewState !== 'in_review' && !o.quiet) {
    for (const { id: userId } of await activeFacilitators(db)) {
      await notify(db, { userId, kind: 'guides.reviewRequested', title: snapshot.title, language: snapshot.language, url: `/guides/${guide.slug}/review`,
        actorId: o.authorId, subjectType: 'guide', subjectId: guide.id });
    }
  }
  guide.draftRevisionId = rev.id;
  guide.reviewState = 'in_review';
  guide.status = status;
  return rev.id;
}

/**
 * Publishes a revision: its snapshot becomes the guide and chapter rows (matched by chapter uid),
 * the review date restarts, and the search index hears about every chapter that changed or went.
 */
export async function publishRevision(db: Db, guide: GuideRow, revisionId: number, reviewerId: number | null, comment: string | null = null): Promise<void> {
  const snapshot = await revisionSnapshot(db, guide.id, revisionId);
  if (!snapshot) throw notFound();
  const existing = (await db.find(GuideChapter, {
    select: { id: true, uid: true, slug: true, title: true, bodySource: true, position: true }, where: { guideId: guide.id },
  })).map((c) => ({ id: c.id, uid: c.uid, slug: c.slug, title: c.title, source: c.bodySource, position: c.position }));
  const byUid = new Map(existing.map((c) => [c.uid, c]));
  const keep = new Set(snapshot.chapters.map((c) => c.uid));
  for (const gone of existing.filter((c) => !keep.has(c.uid))) {
    await db.delete(GuideChapter, { id: gone.id });
    await queueSearchIndex(db, 'guide_chapter', gone.id);
  }
  // Free the slugs first, so renames and reorders cannot collide on the unique constraint.
  await affected(db, `UPDATE guide_chapters SET slug = '~' || id, position = -id WHERE guide_id = $1`, [guide.id]);
  for (const [i, c] of snapshot.chapters.entries()) {
    const old = byUid.get(c.uid);
    if (old) {
      await affected(db,
        `UPDATE guide_chapters SET position = $2, slug = $3, title = $4, body_source = $5, body_html = $6, source_url = $7,
                source_title = $8, updated_at = CASE WHEN body_source = $5 AND title = $4 THEN updated_at ELSE now() END WHERE id = $1`,
        [old.id, i + 1, c.slug, c.title, c.source, c.html, c.sourceUrl ?? null, c.sourceTitle ?? null]);
      if (old.source !== c.source || old.title !== c.title || old.slug !== c.slug || guide.status !== 'published') {
        await queueSearchIndex(db, 'guide_chapter', old.id);
      }
    } else {
      const inserted = await db.insert(GuideChapter, {
        guideId: guide.id, uid: c.uid, position: i + 1, slug: c.slug, title: c.title, bodySource: c.source, bodyHtml: c.html,
        sourceUrl: c.sourceUrl ?? null, sourceTitle: c.sourceTitle ?? null,
      });
      const row = { id: inserted.identifiers[0]!.id as number };
      await queueSearchIndex(db, 'guide_chapter', row.id);
    }
  }
  if (guide.status !== 'published' || guide.title !== snapshot.title || guide.tags.join() !== snapshot.tags.join()) {
    // Title and tags are part of every chapter's search document.
    for (const c of existing.filter((x) => keep.has(x.uid))) await queueSearchIndex(db, 'guide_chapter', c.id);
  }
  await affected(db,
    `UPDATE guides SET title = $2, summary = $3, tags = $4, owner_id = $5, review_interval_months = $6, language = $7,
            sort_order = $8, status = 'published', review_state = 'none', published_revision_id = $9, draft_revision_id = NULL,
            published_at = now(), archived_at = NULL, verified_on = current_date,
            next_review_on = (current_date + make_interval(months => $6))::date, updated_at = now(),
            source_revision_id = CASE WHEN translation_of_id IS NULL THEN NULL
                                      ELSE (SELECT r.source_revision_id FROM guide_revisions r WHERE r.id = $9) END
      WHERE id = $1`,
    [guide.id, snapshot.title, snapshot.summary, snapshot.tags, snapshot.ownerId, snapshot.reviewIntervalMonths,
      snapshot.language, snapshot.sortOrder, revisionId]);
  await scheduleReviewReminder(db, guide.id);
  await affected(db,
    `UPDATE guide_revisions SET status = 'superseded' WHERE guide_id = $1 AND id > $2 AND id < $3 AND status IN ('pending', 'changes_requested')`,
    [guide.id, guide.publishedRevisionId ?? 0, revisionId]);
  await db.update(GuideRevision, { id: revisionId }, { status: 'published', reviewerId, reviewedAt: () => 'now()', reviewComment: comment });
  Object.assign(guide, { status: 'published', reviewState: 'none', publishedRevisionId: revisionId, draftRevisionId: null,
    title: snapshot.title, tags: snapshot.tags });
}

export const REVIEW_DUE_TOPIC = 'guides.review-due';

/**
 * Content health without anyone opening the queue: an outbox row that becomes due on the review
 * date; its handler runs remindDueGuides (idempotent, so stale rows after a renewal do nothing).
 */
export async function scheduleReviewReminder(db: Db, guideId: number): Promise<void> {
  const row = await one<{ seconds: number }>(db,
    `SELECT greatest(0, ceil(extract(epoch FROM (next_review_on::timestamptz - now()))))::int AS seconds FROM guides WHERE id = $1 AND next_review_on IS NOT NULL`,
    [guideId]);
  if (row) await addToOutbox(db, REVIEW_DUE_TOPIC, { guideId }, { key: `guides.review-due:${guideId}`, delaySeconds: row.seconds });
}

/** Archives a guide: readers see it marked as archived, search drops it, history stays. */
export async function archive(db: Db, guide: GuideRow): Promise<void> {
  await db.update(Guide, { id: guide.id }, { status: 'archived', archivedAt: () => 'now()', updatedAt: () => 'now()' });
  const chapters = await db.find(GuideChapter, { select: { id: true }, where: { guideId: guide.id } });
  for (const c of chapters) await queueSearchIndex(db, 'guide_chapter', c.id);
  guide.status = 'archived';
}

/** Promote to guide: the target guide, locked, when it exists and is published (null otherwise). */
export async function lockPublishedGuide(db: Db, id: number): Promise<GuideRow | null> {
  return one<GuideRow>(db, `SELECT ${GUIDE_COLUMNS} FROM guides g WHERE g.id = $1 AND g.status = 'published' FOR UPDATE`, [id]);
}

/** Promote to guide: the uid of a published chapter of this guide (null when it belongs to another guide or none). */
export async function chapterUidIn(db: Db, guideId: number, chapterId: number): Promise<string | null> {
  return (await db.findOne(GuideChapter, { select: { uid: true }, where: { id: chapterId, guideId } }))?.uid ?? null;
}

// ---- the service's statements (guides.service.ts) ----

/** An active member's id by handle (case-insensitive), or null. */
export async function activeMemberIdByHandle(db: Db, handle: string): Promise<number | null> {
  return (await one<{ id: number }>(db, `SELECT id FROM users WHERE lower(handle) = lower($1) AND status = 'active'`, [handle]))?.id ?? null;
}

export async function guideSlugTaken(db: Db, slug: string): Promise<boolean> {
  return db.existsBy(Guide, { slug });
}

/** A new guide made in the app: a draft without chapters; returns its id. */
export async function insertGuide(
  db: Db, g: { slug: string; title: string; summary: string; tags: string[]; ownerId: number | null; reviewIntervalMonths: number; language: string; sortOrder: number },
): Promise<number> {
  const res = await db.insert(Guide, {
    slug: g.slug, title: g.title, summary: g.summary, tags: g.tags, ownerId: g.ownerId, status: 'draft',
    reviewIntervalMonths: g.reviewIntervalMonths, language: g.language as Guide['language'], sortOrder: g.sortOrder, source: 'app',
  });
  return res.identifiers[0]!.id as number;
}

/** The reviewer sends the pending draft back; a guide never published goes back to draft. */
export async function requestDraftChanges(db: Db, guide: GuideRow, reviewerId: number, comment: string): Promise<void> {
  if (guide.draftRevisionId !== null) { // `id = NULL` matches no revision
    await db.update(GuideRevision, { id: guide.draftRevisionId }, {
      status: 'changes_requested', reviewerId, reviewedAt: () => 'now()', reviewComment: comment,
    });
  }
  await affected(db, `UPDATE guides SET review_state = 'changes_requested', status = CASE WHEN status = 'in_review' THEN 'draft' ELSE status END WHERE id = $1`, [guide.id]);
}

/** "Still correct": verified today, the next review one interval ahead. */
export async function renewReviewDate(db: Db, guideId: number): Promise<void> {
  await affected(db,
    `UPDATE guides SET verified_on = current_date, next_review_on = (current_date + make_interval(months => review_interval_months))::date
      WHERE id = $1`, [guideId]);
}

/** The id of a chapter of a published or archived guide, or null. */
export async function readableChapterId(db: Db, slug: string, chapterSlug: string): Promise<number | null> {
  return (await one<{ id: number }>(db,
    `SELECT c.id FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE g.slug = $1 AND c.slug = $2 AND g.status IN ('published', 'archived')`, [slug, chapterSlug]))?.id ?? null;
}

export async function insertChapterRead(db: Db, userId: number, chapterId: number): Promise<void> {
  await rows(db, `INSERT INTO guide_reads (user_id, chapter_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [userId, chapterId]);
}

export async function deleteChapterRead(db: Db, userId: number, slug: string, chapterSlug: string): Promise<void> {
  await affected(db,
    `DELETE FROM guide_reads r USING guide_chapters c, guides g
      WHERE r.chapter_id = c.id AND c.guide_id = g.id AND g.slug = $2 AND c.slug = $3 AND r.user_id = $1`, [userId, slug, chapterSlug]);
}

/** Marks every published guide due for review and not yet reminded about that date as reminded; returns them. */
export async function markDueGuidesReminded(db: Db): Promise<{ id: number; slug: string; title: string; language: string; ownerId: number | null }[]> {
  return rows(db,
    `UPDATE guides SET reminded_for = next_review_on
      WHERE status = 'published' AND translation_of_id IS NULL AND next_review_on <= current_date AND reminded_for IS DISTINCT FROM next_review_on
      RETURNING id, slug, title, language, owner_id AS "ownerId"`);
}

/**
 * Account deletion: reading progress goes; owned guides lose their owner (the review queue shows
 * them to every facilitator). Revisions and reviews stay in both variants, shown as by "former member".
 */
export async function eraseGuidesDataOfMember(db: Db, userId: number): Promise<void> {
  await db.delete(GuideRead, { userId });
  await db.update(Guide, { ownerId: userId }, { ownerId: null });
}
