// Use-case translations (title and summary per language): reads for the case page, the upsert for
// content files. Outdated when the original's title or summary differs from the text translated.
import { one, rows, type Queryable } from '../../db/sql.js';

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

/** From a content file: written from the case's current title and summary; unchanged text changes nothing. */
export async function upsertTranslation(db: Queryable, useCaseId: number, t: { language: string; title: string; summary: string }): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_translations (use_case_id, language, title, summary, source_title, source_summary)
     SELECT id, $2, $3, $4, title, summary FROM use_cases WHERE id = $1
     ON CONFLICT (use_case_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary,
       source_title = excluded.source_title, source_summary = excluded.source_summary, updated_at = now()
     WHERE (use_case_translations.title, use_case_translations.summary, use_case_translations.source_title, use_case_translations.source_summary)
       IS DISTINCT FROM (excluded.title, excluded.summary, excluded.source_title, excluded.source_summary)`,
    [useCaseId, t.language, t.title, t.summary]);
}
