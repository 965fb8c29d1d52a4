// Reads for the guide pages: lists, one guide with its published chapters, revisions, queues and
// reading progress. Raw SQL on the data source (reads need no transaction).
import type { GuideSnapshot, GuideStatus } from './guides.model.js';
import { GUIDE_COLUMNS, type GuideRow } from './guides.store.js';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable as Q } from '../../db/sql.js';


export interface GuideListItem {
  slug: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  status: GuideStatus;
  reviewState: string;
  chapterCount: number;
  verifiedOn: string | null;
  ownerName: string | null;
  hasDraft: boolean;
}

export async function listGuides(ds: Q, filter: { tag?: string; statuses: GuideStatus[] }, limit: number, offset: number): Promise<{ rows: GuideListItem[]; total: number }> {
  const list = await preparedQuery<GuideListItem & { total: string }>(ds, 'guides-list',
    `SELECT g.slug, g.title, g.summary, g.language, g.tags, g.status, g.review_state AS "reviewState",
            to_char(g.verified_on, 'YYYY-MM-DD') AS "verifiedOn", u.name AS "ownerName", g.draft_revision_id IS NOT NULL AS "hasDraft",
            (SELECT count(*)::int FROM guide_chapters c WHERE c.guide_id = g.id) AS "chapterCount", count(*) OVER () AS total
       FROM guides g LEFT JOIN users u ON u.id = g.owner_id
      WHERE g.status = ANY($1) AND ($2::text IS NULL OR $2 = ANY(g.tags)) AND g.translation_of_id IS NULL
      ORDER BY g.sort_order, g.title LIMIT $3 OFFSET $4`,
    [filter.statuses, filter.tag ?? null, limit, offset]);
  return { rows: list, total: list.length ? Number(list[0]!.total) : 0 };
}

export async function allTags(ds: Q, statuses: GuideStatus[]): Promise<{ tag: string; count: number }[]> {
  return preparedQuery(ds, 'guides-tags',
    `SELECT t AS tag, count(*)::int AS count FROM guides g, unnest(g.tags) t WHERE g.status = ANY($1) AND g.translation_of_id IS NULL GROUP BY t ORDER BY count DESC, t LIMIT 60`,
    [statuses]);
}

export interface GuideDetail extends GuideRow {
  ownerName: string | null;
  ownerHandle: string | null;
}

export async function findGuide(ds: Q, slug: string): Promise<GuideDetail | null> {
  const [row] = await preparedQuery<GuideDetail>(ds, 'guides-guide-by-slug',
    `SELECT ${GUIDE_COLUMNS}, u.name AS "ownerName", u.handle AS "ownerHandle"
       FROM guides g LEFT JOIN users u ON u.id = g.owner_id WHERE g.slug = $1`, [slug]);
  return row ?? null;
}

export interface ChapterRow {
  id: number;
  uid: string;
  position: number;
  slug: string;
  title: string;
  bodySource: string;
  bodyHtml: string;
  sourceUrl: string | null;
  sourceTitle: string | null;
  read: boolean;
}

/** The published chapters, with whether `userId` has read each. */
export async function listChapters(ds: Q, guideId: number, userId: number | null): Promise<ChapterRow[]> {
  return preparedQuery<ChapterRow>(ds, 'guides-chapters',
    `SELECT c.id, c.uid, c.position, c.slug, c.title, c.body_source AS "bodySource", c.body_html AS "bodyHtml",
            c.source_url AS "sourceUrl", c.source_title AS "sourceTitle",
            EXISTS (SELECT 1 FROM guide_reads r WHERE r.chapter_id = c.id AND r.user_id = $2) AS read
       FROM guide_chapters c WHERE c.guide_id = $1 ORDER BY c.position`, [guideId, userId ?? 0]);
}

export interface RevisionRow {
  id: number;
  chapterUid: string | null;
  chapterTitle: string | null;
  authorId: number | null;
  authorName: string | null;
  origin: string;
  message: string;
  status: string;
  reviewerName: string | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

const REVISION_COLUMNS = `r.id, r.chapter_uid AS "chapterUid",
  (SELECT c->>'title' FROM jsonb_array_elements(r.snapshot->'chapters') c WHERE c->>'uid' = r.chapter_uid LIMIT 1) AS "chapterTitle", r.author_id AS "authorId", a.name AS "authorName", r.origin, r.message, r.status,
  v.name AS "reviewerName", r.review_comment AS "reviewComment", r.reviewed_at AS "reviewedAt", r.created_at AS "createdAt"`;

/** The guide's revisions, newest first; with `chapterUid`, only the saves about that chapter. */
export async function listRevisions(ds: Q, guideId: number, chapterUid: string | null = null): Promise<RevisionRow[]> {
  return rows(ds,
    `SELECT ${REVISION_COLUMNS} FROM guide_revisions r LEFT JOIN users a ON a.id = r.author_id LEFT JOIN users v ON v.id = r.reviewer_id
      WHERE r.guide_id = $1 AND ($2::text IS NULL OR r.chapter_uid = $2) ORDER BY r.id DESC LIMIT 500`, [guideId, chapterUid]);
}

export async function findRevision(ds: Q, guideId: number, id: number): Promise<(RevisionRow & { snapshot: GuideSnapshot; previous: GuideSnapshot | null; previousId: number | null }) | null> {
  const row = await one<RevisionRow & { snapshot: GuideSnapshot; previous: GuideSnapshot | null; previousId: number | null }>(ds,
    `SELECT ${REVISION_COLUMNS}, r.snapshot,
            p.snapshot AS previous, p.id AS "previousId"
       FROM guide_revisions r LEFT JOIN users a ON a.id = r.author_id LEFT JOIN users v ON v.id = r.reviewer_id
       LEFT JOIN LATERAL (SELECT id, snapshot FROM guide_revisions WHERE guide_id = r.guide_id AND id < r.id ORDER BY id DESC LIMIT 1) p ON true
      WHERE r.guide_id = $1 AND r.id = $2`, [guideId, id]);
  return row ?? null;
}

export async function draftAuthors(ds: Q, guide: GuideRow): Promise<number[]> {
  if (!guide.draftRevisionId) return [];
  const authors = await rows<{ id: number }>(ds, `SELECT DISTINCT author_id AS id FROM guide_revisions WHERE guide_id = $1 AND id > $2 AND author_id IS NOT NULL`,
    [guide.id, guide.publishedRevisionId ?? 0]);
  return authors.map((r) => r.id);
}

export interface QueueItem {
  slug: string;
  title: string;
  language: string;
  status: GuideStatus;
  reviewState: string;
  draftRevisionId: number | null;
  message: string | null;
  authorName: string | null;
  savedAt: Date | null;
  nextReviewOn: string | null;
  ownerName: string | null;
}

/** Drafts waiting for a second facilitator, oldest first. */
export async function reviewQueue(ds: Q): Promise<QueueItem[]> {
  return rows(ds,
    `SELECT g.slug, g.title, g.language, g.status, g.review_state AS "reviewState", g.draft_revision_id AS "draftRevisionId",
            r.message, a.name AS "authorName", r.created_at AS "savedAt", NULL AS "nextReviewOn", o.name AS "ownerName"
       FROM guides g JOIN guide_revisions r ON r.id = g.draft_revision_id
       LEFT JOIN users a ON a.id = r.author_id LEFT JOIN users o ON o.id = g.owner_id
      WHERE g.draft_revision_id IS NOT NULL ORDER BY g.review_state = 'changes_requested', r.created_at`);
}

/** Content health: published guides past their review date. */
export async function dueQueue(ds: Q): Promise<QueueItem[]> {
  return rows(ds,
    `SELECT g.slug, g.title, g.language, g.status, g.review_state AS "reviewState", g.draft_revision_id AS "draftRevisionId", NULL AS message,
            NULL AS "authorName", NULL AS "savedAt", to_char(g.next_review_on, 'YYYY-MM-DD') AS "nextReviewOn", o.name AS "ownerName"
       FROM guides g LEFT JOIN users o ON o.id = g.owner_id
      WHERE g.status = 'published' AND g.next_review_on <= current_date AND g.translation_of_id IS NULL ORDER BY g.next_review_on, g.title`);
}

export interface MemberProgress {
  slug: string;
  title: string;
  read: number;
  total: number;
}

/** Reading progress of one member over the guides they started. */
export async function memberProgress(ds: Q, userId: number): Promise<MemberProgress[]> {
  return preparedQuery(ds, 'guides-member-progress',
    `SELECT g.slug, g.title, g.language, count(r.chapter_id)::int AS read, (SELECT count(*)::int FROM guide_chapters x WHERE x.guide_id = g.id) AS total
       FROM guide_reads r JOIN guide_chapters c ON c.id = r.chapter_id JOIN guides g ON g.id = c.guide_id
      WHERE r.user_id = $1 AND g.status IN ('published', 'archived')
      GROUP BY g.id ORDER BY max(r.read_at) DESC LIMIT 50`, [userId]);
}

/** For the forum after merge: the published chapters that cite a thread ("now part of guide …"). */
export async function chaptersCiting(ds: Q, sourceUrl: string): Promise<{ guideSlug: string; guideTitle: string; chapterSlug: string; chapterTitle: string }[]> {
  return preparedQuery(ds, 'guides-chapters-citing',
    `SELECT g.slug AS "guideSlug", g.title AS "guideTitle", c.slug AS "chapterSlug", c.title AS "chapterTitle"
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE c.source_url = $1 AND g.status = 'published' ORDER BY g.title, c.position`, [sourceUrl]);
}

/** For "promote to guide": the published guides and their chapters, to choose where an answer goes. */
export async function promotionTargets(ds: Q): Promise<{ guides: { id: number; title: string }[]; chapters: { id: number; guideId: number; guideTitle: string; title: string }[] }> {
  const chapters = await rows<{ id: number; guideId: number; guideTitle: string; title: string }>(ds,
    `SELECT c.id, g.id AS "guideId", g.title AS "guideTitle", c.title
       FROM guides g LEFT JOIN guide_chapters c ON c.guide_id = g.id
      WHERE g.status = 'published' AND g.translation_of_id IS NULL ORDER BY g.title, g.id, c.position LIMIT 2000`);
  const guides = new Map<number, { id: number; title: string }>();
  for (const c of chapters) guides.set(c.guideId, { id: c.guideId, title: c.guideTitle });
  return { guides: [...guides.values()], chapters: chapters.filter((c) => c.id !== null) };
}

export interface GuideTitle {
  slug: string;
  title: string;
  language: string;
}

/** Titles of the published guides among `slugs` (unknown or unpublished slugs are left out), by slug. */
export async function guideTitles(ds: Q, slugs: string[]): Promise<Map<string, GuideTitle>> {
  if (!slugs.length) return new Map();
  const titles = await preparedQuery<GuideTitle>(ds, 'guides-titles',
    `SELECT slug, title, language FROM guides WHERE slug = ANY($1) AND status = 'published'`, [slugs]);
  return new Map(titles.map((r) => [r.slug, r]));
}

export interface ChapterTitle {
  ref: string;
  guideTitle: string;
  chapterTitle: string;
  language: string;
}

/** Guide and chapter titles for chapter references ("guide-slug/chapter-slug") of published guides, by reference. */
export async function chapterTitles(ds: Q, refs: string[]): Promise<Map<string, ChapterTitle>> {
  if (!refs.length) return new Map();
  const titles = await rows<ChapterTitle>(ds,
    `SELECT g.slug || '/' || c.slug AS ref, g.title AS "guideTitle", c.title AS "chapterTitle", g.language
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE g.slug || '/' || c.slug = ANY($1) AND g.status = 'published'`, [[...new Set(refs)]]);
  return new Map(titles.map((r) => [r.ref, r]));
}

export interface ChapterLink {
  id: number;
  guideTitle: string;
  chapterTitle: string;
  language: string;
  url: string;
}

/** Chapters by id of guides readers see (published or archived), in the ids' order; others are left out. */
export async function chapterLinks(ds: Q, ids: number[]): Promise<ChapterLink[]> {
  if (!ids.length) return [];
  const found = await rows<ChapterLink>(ds,
    `SELECT c.id, g.title AS "guideTitle", c.title AS "chapterTitle", g.language, '/guides/' || g.slug || '/' || c.slug AS url
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE c.id = ANY($1::int[]) AND g.status IN ('published', 'archived')`, [ids]);
  const byId = new Map(found.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The member's handle (the guide editor shows the owner by handle), or null. */
export async function handleOf(ds: Q, userId: number): Promise<string | null> {
  return (await one<{ handle: string }>(ds, `SELECT handle FROM users WHERE id = $1`, [userId]))?.handle ?? null;
}

/** For the member's data download: chapters read, guides owned, revisions written and reviews given. */
export async function guidesDataOfMember(ds: Q, userId: number): Promise<Record<string, unknown[]>> {
  return {
    chaptersRead: await rows(ds,
      `SELECT g.slug AS guide, c.slug AS chapter, r.read_at AS "readAt" FROM guide_reads r
         JOIN guide_chapters c ON c.id = r.chapter_id JOIN guides g ON g.id = c.guide_id WHERE r.user_id = $1 ORDER BY r.read_at`, [userId]),
    owned: await rows(ds, `SELECT slug, title FROM guides WHERE owner_id = $1 ORDER BY id`, [userId]),
    revisions: await rows(ds,
      `SELECT g.slug AS guide, r.chapter_uid AS "chapterUid", r.origin, r.status, r.message, r.snapshot, r.created_at AS "createdAt"
         FROM guide_revisions r JOIN guides g ON g.id = r.guide_id WHERE r.author_id = $1 ORDER BY r.id`, [userId]),
    reviews: await rows(ds,
      `SELECT g.slug AS guide, r.status, r.review_comment AS "comment", r.reviewed_at AS "reviewedAt"
         FROM guide_revisions r JOIN guides g ON g.id = r.guide_id WHERE r.reviewer_id = $1 ORDER BY r.id`, [userId]),
  };
}
