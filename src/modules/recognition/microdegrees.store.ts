// Writes for micro-degrees: definitions and grants. Every function takes the transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { Evidence, Requirement } from './microdegrees.model.js';

export interface MicrodegreeValues {
  title: string;
  language: 'de' | 'en';
  descriptionSource: string;
  descriptionHtml: string;
  competences: string[];
  requirements: Requirement[];
}

/** Slugs in use that start like `base` (to find a free one). */
export async function slugsLike(db: Db, base: string): Promise<Set<string>> {
  const list = await rows<{ slug: string }>(db, `SELECT slug FROM recognition_microdegrees WHERE slug = $1 OR slug LIKE $1 || '-%'`, [base]);
  return new Set(list.map((r) => r.slug));
}

/** Inserts the micro-degree unless its slug is taken; its id, or null when taken. */
export async function insertMicrodegree(db: Db, slug: string, v: MicrodegreeValues, createdBy: number | null): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO recognition_microdegrees (slug, title, language, description_source, description_html, competences, requirements, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [slug, v.title, v.language, v.descriptionSource, v.descriptionHtml, v.competences, JSON.stringify(v.requirements), createdBy]);
  return row?.id ?? null;
}

/** The micro-degree, locked for this transaction. */
export async function lockMicrodegree(db: Db, slug: string): Promise<{ id: number; requirements: Requirement[]; archivedAt: Date | null } | null> {
  return one(db, `SELECT id, requirements, archived_at AS "archivedAt" FROM recognition_microdegrees WHERE slug = $1 FOR UPDATE`, [slug]);
}

export async function updateMicrodegree(db: Db, id: number, v: MicrodegreeValues): Promise<void> {
  await db.query(
    `UPDATE recognition_microdegrees SET title = $2, language = $3, description_source = $4, description_html = $5, competences = $6,
            requirements = $7::jsonb, updated_at = now() WHERE id = $1`,
    [id, v.title, v.language, v.descriptionSource, v.descriptionHtml, v.competences, JSON.stringify(v.requirements)]);
}

/** Archives (true) or restores (false); false when it already was in that state. */
export async function setArchived(db: Db, id: number, archived: boolean): Promise<boolean> {
  return (await affected(db,
    `UPDATE recognition_microdegrees SET archived_at = CASE WHEN $2::boolean THEN now() ELSE NULL END, updated_at = now()
      WHERE id = $1 AND (archived_at IS NOT NULL) <> $2::boolean`, [id, archived])) > 0;
}

/** The member, when active: their e-mail (for the recipient hash) and language. */
export async function recipientOf(db: Db, userId: number): Promise<{ email: string; language: string } | null> {
  return one(db, `SELECT email, language FROM users WHERE id = $1 AND status = 'active'`, [userId]);
}

/** Grants the micro-degree; the assertion's id, or null when the member has (or had) it already. */
export async function insertGrant(db: Db, g: { slug: string; userId: number; evidence: Evidence[]; identityHash: string; salt: string }): Promise<string | null> {
  const row = await one<{ id: string }>(db,
    `INSERT INTO recognition_assertions (kind, class_key, user_id, source_key, evidence, identity_hash, salt)
     VALUES ('microdegree', $1, $2, '', $3::jsonb, $4, $5)
     ON CONFLICT ON CONSTRAINT recognition_assertions_grant_key DO NOTHING RETURNING id`,
    [g.slug, g.userId, JSON.stringify(g.evidence), g.identityHash, g.salt]);
  return row?.id ?? null;
}

/** Account deletion: micro-degrees the member defined stay, without them. */
export async function forgetCreator(db: Db, userId: number): Promise<void> {
  await db.query(`UPDATE recognition_microdegrees SET created_by = NULL WHERE created_by = $1`, [userId]);
}

export async function userIdByEmail(db: Db, email: string): Promise<number | null> {
  return (await one<{ id: number }>(db, `SELECT id FROM users WHERE lower(email) = lower($1)`, [email]))?.id ?? null;
}
