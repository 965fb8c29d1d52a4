// Use-case translations (title and summary per language): reads for the case page, the revision
// history and review (use_case_translation_revisions), and the upsert for content files.
// Outdated when the original's title or summary differs from the text the translation was written from.
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';

export interface UseCaseTranslationRow {
  language: string;
  title: string;
  summary: string;
  outdated: boolean;
}

export async function translationOf(db: Queryable, useCaseId: number, language: string): Promise<UseCaseTranslationRow | null> {
  return one(db,
    `SELECT t.language, t.title, t.summary, (t.source_title <> u.title OR t.source_summary <> u.summary) AS outdated
       FROM use_case_translations t JOIN use_cases u ON u.id = t.use_case_id WHERE t.use_case_id = $1 AND t.language = $2`, [useCaseId, language]);
}

export async function translationLanguages(db: Queryable, useCaseId: number): Promise<string[]> {
  return (await rows<{ language: string }>(db, `SELECT language FROM use_case_translations WHERE use_case_id = $1 ORDER BY language`, [useCaseId])).map((r) => r.language);
}

/**
 * From a content file (trusted: approved at once, origin 'file'), written from the case's current title
 * and summary. Applied when the file's text or the original differs from what the last file revision
 * recorded — so syncing an unchanged file changes nothing, and does not undo a translation approved
 * in the app since. A revision pending review in the app stays pending.
 */
export async function upsertTranslation(db: Queryable, useCaseId: number, t: { language: string; title: string; summary: string }): Promise<void> {
  const last = await one<{ same: boolean }>(db,
    `SELECT (r.title, r.summary, r.source_title, r.source_summary) IS NOT DISTINCT FROM ($3::text, $4::text, u.title, u.summary) AS same
       FROM use_case_translation_revisions r JOIN use_cases u ON u.id = r.use_case_id
      WHERE r.use_case_id = $1 AND r.language = $2 AND r.origin = 'file' ORDER BY r.id DESC LIMIT 1`,
    [useCaseId, t.language, t.title, t.summary]);
  if (last?.same) return;
  const [rev] = await rows<{ id: number }>(db,
    `INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, source_title, source_summary, origin, status, reviewed_at)
     SELECT id, $2, $3, $4, title, summary, 'file', 'approved', now() FROM use_cases WHERE id = $1 RETURNING id`,
    [useCaseId, t.language, t.title, t.summary]);
  if (rev) await publishRevision(db, rev.id);
}

/** Copies an approved revision to the text readers see (the row per case and language). */
async function publishRevision(db: Queryable, revisionId: number): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_translations (use_case_id, language, title, summary, source_title, source_summary)
     SELECT use_case_id, language, title, summary, source_title, source_summary FROM use_case_translation_revisions WHERE id = $1
     ON CONFLICT (use_case_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary,
       source_title = excluded.source_title, source_summary = excluded.source_summary, updated_at = now()
     WHERE (use_case_translations.title, use_case_translations.summary, use_case_translations.source_title, use_case_translations.source_summary)
       IS DISTINCT FROM (excluded.title, excluded.summary, excluded.source_title, excluded.source_summary)`,
    [revisionId]);
}

export interface PendingRevision {
  id: number;
  language: string;
  title: string;
  summary: string;
  sourceTitle: string;
  sourceSummary: string;
  authorId: number | null;
  authorName: string | null;
  createdAt: Date;
}

const PENDING_COLUMNS = `r.id, r.language, r.title, r.summary, r.source_title AS "sourceTitle", r.source_summary AS "sourceSummary",
  r.author_id AS "authorId", a.name AS "authorName", r.created_at AS "createdAt"`;

/** The revision waiting for review in one language, or null. */
export async function pendingRevision(db: Queryable, useCaseId: number, language: string): Promise<PendingRevision | null> {
  return one(db, `SELECT ${PENDING_COLUMNS} FROM use_case_translation_revisions r LEFT JOIN users a ON a.id = r.author_id
    WHERE r.use_case_id = $1 AND r.language = $2 AND r.status = 'pending'`, [useCaseId, language]);
}

/** The same, locked for a decision (approve, refuse, or a newer text replacing it). */
export async function lockPending(db: Db, useCaseId: number, language: string): Promise<PendingRevision | null> {
  return one(db, `SELECT ${PENDING_COLUMNS} FROM use_case_translation_revisions r LEFT JOIN users a ON a.id = r.author_id
    WHERE r.use_case_id = $1 AND r.language = $2 AND r.status = 'pending' FOR UPDATE OF r`, [useCaseId, language]);
}

/** A text written in the app: it replaces a pending one (kept in the history as superseded) and waits for review. */
export async function insertPending(db: Db, r: { useCaseId: number; language: string; title: string; summary: string; authorId: number }): Promise<number> {
  await affected(db, `UPDATE use_case_translation_revisions SET status = 'superseded' WHERE use_case_id = $1 AND language = $2 AND status = 'pending'`, [r.useCaseId, r.language]);
  const [row] = await rows<{ id: number }>(db,
    `INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, source_title, source_summary, origin, status, author_id)
     SELECT id, $2, $3, $4, title, summary, 'app', 'pending', $5::int FROM use_cases WHERE id = $1 RETURNING id`,
    [r.useCaseId, r.language, r.title, r.summary, r.authorId]);
  return row!.id;
}

export async function approve(db: Db, revisionId: number, reviewerId: number, note: string): Promise<void> {
  await affected(db, `UPDATE use_case_translation_revisions SET status = 'approved', reviewed_by_id = $2, reviewed_at = now(), review_note = $3 WHERE id = $1`, [revisionId, reviewerId, note]);
  await publishRevision(db, revisionId);
}

export async function refuse(db: Db, revisionId: number, reviewerId: number, reason: string): Promise<void> {
  await affected(db, `UPDATE use_case_translation_revisions SET status = 'refused', reviewed_by_id = $2, reviewed_at = now(), review_note = $3 WHERE id = $1`, [revisionId, reviewerId, reason]);
}

export interface TranslationState {
  language: string;
  /** The approved text readers see, if any. */
  title: string | null;
  summary: string | null;
  outdated: boolean;
  pendingId: number | null;
  pendingAuthorId: number | null;
  pendingAuthorName: string | null;
  pendingAt: Date | null;
}

/** Per language of a case: the approved text (outdated or not) and a revision waiting for review. */
export async function translationStates(db: Queryable, useCaseId: number): Promise<TranslationState[]> {
  return rows(db,
    `SELECT l.language, t.title, t.summary, coalesce(t.source_title <> u.title OR t.source_summary <> u.summary, false) AS outdated,
            p.id AS "pendingId", p.author_id AS "pendingAuthorId", a.name AS "pendingAuthorName", p.created_at AS "pendingAt"
       FROM use_cases u
       CROSS JOIN LATERAL (SELECT language FROM use_case_translations WHERE use_case_id = u.id
                           UNION SELECT language FROM use_case_translation_revisions WHERE use_case_id = u.id AND status = 'pending') l
       LEFT JOIN use_case_translations t ON t.use_case_id = u.id AND t.language = l.language
       LEFT JOIN use_case_translation_revisions p ON p.use_case_id = u.id AND p.language = l.language AND p.status = 'pending'
       LEFT JOIN users a ON a.id = p.author_id
      WHERE u.id = $1 ORDER BY l.language`, [useCaseId]);
}

export interface RevisionEntry {
  id: number;
  title: string;
  summary: string;
  sourceTitle: string;
  sourceSummary: string;
  origin: 'app' | 'file';
  status: 'pending' | 'approved' | 'refused' | 'superseded';
  authorName: string | null;
  createdAt: Date;
  reviewerName: string | null;
  reviewedAt: Date | null;
  reviewNote: string;
  /** Written from the original's current title and summary. */
  current: boolean;
}

/** The history of one language, newest first. */
export async function revisionsOf(db: Queryable, useCaseId: number, language: string): Promise<RevisionEntry[]> {
  return rows(db,
    `SELECT r.id, r.title, r.summary, r.source_title AS "sourceTitle", r.source_summary AS "sourceSummary", r.origin, r.status,
            a.name AS "authorName", r.created_at AS "createdAt", v.name AS "reviewerName", r.reviewed_at AS "reviewedAt",
            r.review_note AS "reviewNote", (r.source_title = u.title AND r.source_summary = u.summary) AS current
       FROM use_case_translation_revisions r JOIN use_cases u ON u.id = r.use_case_id
       LEFT JOIN users a ON a.id = r.author_id LEFT JOIN users v ON v.id = r.reviewed_by_id
      WHERE r.use_case_id = $1 AND r.language = $2 ORDER BY r.id DESC LIMIT 100`, [useCaseId, language]);
}

export interface QueueEntry {
  slug: string;
  caseTitle: string;
  caseLanguage: string;
  administrationName: string;
  language: string;
  title: string | null;
  outdated: boolean;
  pendingAuthorName: string | null;
  pendingAt: Date | null;
  hasPending: boolean;
}

/** For facilitators: every use-case translation that is outdated or waits for review; waiting first, then outdated. */
export async function translationQueue(db: Queryable): Promise<QueueEntry[]> {
  return rows(db,
    `SELECT u.slug, u.title AS "caseTitle", u.language AS "caseLanguage", ad.name AS "administrationName", l.language,
            coalesce(p.title, t.title) AS title, coalesce(t.source_title <> u.title OR t.source_summary <> u.summary, false) AS outdated,
            a.name AS "pendingAuthorName", p.created_at AS "pendingAt", p.id IS NOT NULL AS "hasPending"
       FROM (SELECT use_case_id, language FROM use_case_translations
             UNION SELECT use_case_id, language FROM use_case_translation_revisions WHERE status = 'pending') l
       JOIN use_cases u ON u.id = l.use_case_id
       JOIN administrations ad ON ad.id = u.administration_id
       LEFT JOIN use_case_translations t ON t.use_case_id = l.use_case_id AND t.language = l.language
       LEFT JOIN use_case_translation_revisions p ON p.use_case_id = l.use_case_id AND p.language = l.language AND p.status = 'pending'
       LEFT JOIN users a ON a.id = p.author_id
      WHERE p.id IS NOT NULL OR t.source_title <> u.title OR t.source_summary <> u.summary
      ORDER BY (p.id IS NOT NULL) DESC, p.created_at, u.title, l.language
      LIMIT 500`);
}
