// Translations of guides: hand-written reads and writes. A translation is a guide row with
// translation_of_id set; it is outdated when the original has published a revision after the one
// the translation's published text was written from (guides.source_revision_id).
import type { Db, Queryable as Q } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';
import { affected, one, rows } from '../../db/sql.js';
import { Guide } from './guide.entity.js';
import type { GuideSnapshot } from './guides.model.js';

/** SQL: a translation `t` of original `o` is outdated. */
export const OUTDATED_SQL = `(t.status = 'published' AND o.published_revision_id IS NOT NULL AND o.published_revision_id IS DISTINCT FROM t.source_revision_id)`;

export interface TranslationRow {
  id: number;
  slug: string;
  language: string;
  title: string;
  status: string;
  reviewState: string;
  hasDraft: boolean;
  outdated: boolean;
  originalSlug: string;
  originalTitle: string;
  originalLanguage: string;
  updatedAt: Date;
}

const TRANSLATION_COLUMNS = `t.id, t.slug, t.language, t.title, t.status, t.review_state AS "reviewState", t.draft_revision_id IS NOT NULL AS "hasDraft",
  ${OUTDATED_SQL} AS outdated, o.slug AS "originalSlug", o.title AS "originalTitle", o.language AS "originalLanguage", t.updated_at AS "updatedAt"`;

/** Every translation of one original, by language. */
export async function translationsOf(ds: Q, originalId: number): Promise<TranslationRow[]> {
  return preparedQuery<TranslationRow>(ds, 'guides-translations-of', `SELECT ${TRANSLATION_COLUMNS} FROM guides t JOIN guides o ON o.id = t.translation_of_id
    WHERE t.translation_of_id = $1 ORDER BY t.language`, [originalId]);
}

/** All translations for the facilitators' overview: outdated first, then waiting for review. */
export async function allTranslations(ds: Q): Promise<TranslationRow[]> {
  return rows(ds, `SELECT ${TRANSLATION_COLUMNS} FROM guides t JOIN guides o ON o.id = t.translation_of_id
    WHERE t.status <> 'archived' AND o.status <> 'archived'
    ORDER BY ${OUTDATED_SQL} DESC, (t.draft_revision_id IS NOT NULL) DESC, o.sort_order, o.title, t.language`);
}

/** The original of a translation (slug and language), or null. */
export async function originalOf(ds: Q, translationOfId: number): Promise<{ id: number; slug: string; language: string; status: string; publishedRevisionId: number | null } | null> {
  return one(ds, `SELECT id, slug, language, status, published_revision_id AS "publishedRevisionId" FROM guides WHERE id = $1`, [translationOfId]);
}

export async function translationExists(db: Db, originalId: number, language: string): Promise<boolean> {
  return db.existsBy(Guide, { translationOfId: originalId, language });
}

export async function freeSlug(db: Db, wanted: string): Promise<string> {
  let slug = wanted;
  for (let n = 2; await db.existsBy(Guide, { slug }); n++) slug = `${wanted}-${n}`;
  return slug;
}

/** A new translation row: a draft (its first revision follows), owned by whoever started it. */
export async function insertTranslation(db: Db, t: { slug: string; originalId: number; language: string; snapshot: GuideSnapshot; source: 'app' | 'file'; sourceHash?: string | null; sourceRoot?: string | null }): Promise<number> {
  const res = await db.insert(Guide, {
    slug: t.slug, title: t.snapshot.title, summary: t.snapshot.summary, tags: t.snapshot.tags, ownerId: t.snapshot.ownerId, status: 'draft',
    reviewIntervalMonths: t.snapshot.reviewIntervalMonths, language: t.language, sortOrder: t.snapshot.sortOrder, source: t.source,
    sourceHash: t.sourceHash ?? null, sourceRoot: t.sourceRoot ?? null, translationOfId: t.originalId,
  });
  return res.identifiers[0]!.id as number;
}

/** "Still matches the original": the translation counts as written from the original's current text. */
export async function markCurrent(db: Db, translationId: number): Promise<void> {
  await affected(db, `UPDATE guides t SET source_revision_id = o.published_revision_id FROM guides o WHERE o.id = t.translation_of_id AND t.id = $1`, [translationId]);
}
