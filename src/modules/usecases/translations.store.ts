// Use-case translations (title, summary and narrative sections per language): reads for the case
// page, the revision history and review (use_case_translation_revisions), and the upsert for content files.
// Outdated when the original's title or summary, or one of the sections the translation translated,
// differs from the text the translation was written from (source_*).
import { preparedQuery } from '../../db/prepared.js';
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';

/** Per narrative section (NARRATIVE_SECTIONS): Markdown source, or its sanitised HTML. */
export type Sections = Record<string, string>;

/**
 * SQL: is the translation (or revision) `t` outdated against the case `u`? The title, the summary, and
 * every section it translated (source_narrative holds only those) are compared with the original's.
 * A change to a section the translation left out does not make it outdated: readers see the current
 * original there anyway (the form lists such a section as not translated). `t` may be a NULL row of a
 * LEFT JOIN: the result is then NULL (callers coalesce).
 */
export const outdatedSql = (t: string, u = 'u') =>
  `(${t}.source_title <> ${u}.title OR ${t}.source_summary <> ${u}.summary
    OR EXISTS (SELECT 1 FROM jsonb_each_text(${t}.source_narrative) s WHERE s.value IS DISTINCT FROM ${u}.narrative->>s.key))`;

/**
 * SQL: the original's current sections, for the keys of the jsonb parameter `keys` (the sections a
 * text translates): what source_narrative records. A section the original does not have is ''.
 */
const sourceSectionsSql = (keys: string, u = 'u') =>
  `(SELECT coalesce(jsonb_object_agg(k, coalesce(${u}.narrative->>k, '')), '{}'::jsonb) FROM jsonb_object_keys(${keys}) k)`;

export interface UseCaseTranslationRow {
  language: string;
  title: string;
  summary: string;
  narrative: Sections;
  narrativeHtml: Sections;
  sourceNarrative: Sections;
  outdated: boolean;
}

export async function translationOf(db: Queryable, useCaseId: number, language: string): Promise<UseCaseTranslationRow | null> {
  const [row] = await preparedQuery<UseCaseTranslationRow>(db, 'usecases-translation-of',
    `SELECT t.language, t.title, t.summary, t.narrative, t.narrative_html AS "narrativeHtml", t.source_narrative AS "sourceNarrative",
            ${outdatedSql('t')} AS outdated
       FROM use_case_translations t JOIN use_cases u ON u.id = t.use_case_id WHERE t.use_case_id = $1 AND t.language = $2`, [useCaseId, language]);
  return row ?? null;
}

export async function translationLanguages(db: Queryable, useCaseId: number): Promise<string[]> {
  return (await rows<{ language: string }>(db, `SELECT language FROM use_case_translations WHERE use_case_id = $1 ORDER BY language`, [useCaseId])).map((r) => r.language);
}

export interface TranslationText {
  language: string;
  title: string;
  summary: string;
  /** Translated sections (Markdown) and their HTML, rendered by the caller with renderMarkdown; none: {}. */
  narrative?: Sections;
  narrativeHtml?: Sections;
}

/**
 * From a content file (trusted: approved at once, origin 'file'), written from the case's current title,
 * summary and sections. Applied when the file's text or the original differs from what the last file
 * revision recorded — so syncing an unchanged file changes nothing, and does not undo a translation
 * approved in the app since. A revision pending review in the app stays pending.
 */
export async function upsertTranslation(db: Queryable, useCaseId: number, t: TranslationText): Promise<void> {
  const narrative = JSON.stringify(t.narrative ?? {});
  const last = await one<{ same: boolean }>(db,
    `SELECT (r.title, r.summary, r.narrative, r.source_title, r.source_summary, r.source_narrative)
              IS NOT DISTINCT FROM ($3::text, $4::text, $5::jsonb, u.title, u.summary, ${sourceSectionsSql('$5::jsonb')}) AS same
       FROM use_case_translation_revisions r JOIN use_cases u ON u.id = r.use_case_id
      WHERE r.use_case_id = $1 AND r.language = $2 AND r.origin = 'file' ORDER BY r.id DESC LIMIT 1`,
    [useCaseId, t.language, t.title, t.summary, narrative]);
  if (last?.same) return;
  const [rev] = await rows<{ id: number }>(db,
    `INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, narrative, narrative_html,
                                                 source_title, source_summary, source_narrative, origin, status, reviewed_at)
     SELECT u.id, $2, $3, $4, $5::jsonb, $6::jsonb, u.title, u.summary, ${sourceSectionsSql('$5::jsonb')}, 'file', 'approved', now()
       FROM use_cases u WHERE u.id = $1 RETURNING id`,
    [useCaseId, t.language, t.title, t.summary, narrative, JSON.stringify(t.narrativeHtml ?? {})]);
  if (rev) await publishRevision(db, rev.id);
}

/** Copies an approved revision to the text readers see (the row per case and language). */
async function publishRevision(db: Queryable, revisionId: number): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_translations (use_case_id, language, title, summary, narrative, narrative_html, source_title, source_summary, source_narrative)
     SELECT use_case_id, language, title, summary, narrative, narrative_html, source_title, source_summary, source_narrative
       FROM use_case_translation_revisions WHERE id = $1
     ON CONFLICT (use_case_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary,
       narrative = excluded.narrative, narrative_html = excluded.narrative_html, source_title = excluded.source_title,
       source_summary = excluded.source_summary, source_narrative = excluded.source_narrative, updated_at = now()
     WHERE (use_case_translations.title, use_case_translations.summary, use_case_translations.narrative, use_case_translations.narrative_html,
            use_case_translations.source_title, use_case_translations.source_summary, use_case_translations.source_narrative)
       IS DISTINCT FROM (excluded.title, excluded.summary, excluded.narrative, excluded.narrative_html,
            excluded.source_title, excluded.source_summary, excluded.source_narrative)`,
    [revisionId]);
}

export interface PendingRevision {
  id: number;
  language: string;
  title: string;
  summary: string;
  narrative: Sections;
  narrativeHtml: Sections;
  sourceTitle: string;
  sourceSummary: string;
  sourceNarrative: Sections;
  /** Written from the original's current title, summary and (translated) sections. */
  current: boolean;
  authorId: number | null;
  authorName: string | null;
  createdAt: Date;
}

const PENDING_COLUMNS = `r.id, r.language, r.title, r.summary, r.narrative, r.narrative_html AS "narrativeHtml",
  r.source_title AS "sourceTitle", r.source_summary AS "sourceSummary", r.source_narrative AS "sourceNarrative", NOT ${outdatedSql('r')} AS current,
  r.author_id AS "authorId", a.name AS "authorName", r.created_at AS "createdAt"`;

/** The revision waiting for review in one language, or null. */
export async function pendingRevision(db: Queryable, useCaseId: number, language: string): Promise<PendingRevision | null> {
  return one(db, `SELECT ${PENDING_COLUMNS} FROM use_case_translation_revisions r JOIN use_cases u ON u.id = r.use_case_id LEFT JOIN users a ON a.id = r.author_id
    WHERE r.use_case_id = $1 AND r.language = $2 AND r.status = 'pending'`, [useCaseId, language]);
}

/** The same, locked for a decision (approve, refuse, or a newer text replacing it). */
export async function lockPending(db: Db, useCaseId: number, language: string): Promise<PendingRevision | null> {
  return one(db, `SELECT ${PENDING_COLUMNS} FROM use_case_translation_revisions r JOIN use_cases u ON u.id = r.use_case_id LEFT JOIN users a ON a.id = r.author_id
    WHERE r.use_case_id = $1 AND r.language = $2 AND r.status = 'pending' FOR UPDATE OF r`, [useCaseId, language]);
}

/**
 * A text written in the app: it replaces a pending one (kept in the history as superseded) and waits for
 * review. source_* are read from the case row (locked by the caller): the sections recorded are those translated.
 */
export async function insertPending(db: Db, r: { useCaseId: number; language: string; title: string; summary: string; narrative: Sections; narrativeHtml: Sections; authorId: number }): Promise<number> {
  await affected(db, `UPDATE use_case_translation_revisions SET status = 'superseded' WHERE use_case_id = $1 AND language = $2 AND status = 'pending'`, [r.useCaseId, r.language]);
  const [row] = await rows<{ id: number }>(db,
    `INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, narrative, narrative_html,
                                                 source_title, source_summary, source_narrative, origin, status, author_id)
     SELECT u.id, $2, $3, $4, $6::jsonb, $7::jsonb, u.title, u.summary, ${sourceSectionsSql('$6::jsonb')}, 'app', 'pending', $5::int
       FROM use_cases u WHERE u.id = $1 RETURNING id`,
    [r.useCaseId, r.language, r.title, r.summary, r.authorId, JSON.stringify(r.narrative), JSON.stringify(r.narrativeHtml)]);
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
    `SELECT l.language, t.title, t.summary, coalesce(${outdatedSql('t')}, false) AS outdated,
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
  narrative: Sections;
  narrativeHtml: Sections;
  sourceTitle: string;
  sourceSummary: string;
  sourceNarrative: Sections;
  origin: 'app' | 'file';
  status: 'pending' | 'approved' | 'refused' | 'superseded';
  authorName: string | null;
  createdAt: Date;
  reviewerName: string | null;
  reviewedAt: Date | null;
  reviewNote: string;
  /** Written from the original's current title, summary and (translated) sections. */
  current: boolean;
}

/** The history of one language, newest first. */
export async function revisionsOf(db: Queryable, useCaseId: number, language: string): Promise<RevisionEntry[]> {
  return rows(db,
    `SELECT r.id, r.title, r.summary, r.narrative, r.narrative_html AS "narrativeHtml", r.source_title AS "sourceTitle",
            r.source_summary AS "sourceSummary", r.source_narrative AS "sourceNarrative", r.origin, r.status,
            a.name AS "authorName", r.created_at AS "createdAt", v.name AS "reviewerName", r.reviewed_at AS "reviewedAt",
            r.review_note AS "reviewNote", NOT ${outdatedSql('r')} AS current
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
            coalesce(p.title, t.title) AS title, coalesce(${outdatedSql('t')}, false) AS outdated,
            a.name AS "pendingAuthorName", p.created_at AS "pendingAt", p.id IS NOT NULL AS "hasPending"
       FROM (SELECT use_case_id, language FROM use_case_translations
             UNION SELECT use_case_id, language FROM use_case_translation_revisions WHERE status = 'pending') l
       JOIN use_cases u ON u.id = l.use_case_id
       JOIN administrations ad ON ad.id = u.administration_id
       LEFT JOIN use_case_translations t ON t.use_case_id = l.use_case_id AND t.language = l.language
       LEFT JOIN use_case_translation_revisions p ON p.use_case_id = l.use_case_id AND p.language = l.language AND p.status = 'pending'
       LEFT JOIN users a ON a.id = p.author_id
      WHERE p.id IS NOT NULL OR coalesce(${outdatedSql('t')}, false)
      ORDER BY (p.id IS NOT NULL) DESC, p.created_at, u.title, l.language
      LIMIT 500`);
}
