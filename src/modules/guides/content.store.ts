// The SQL of the guide file sync (guides.content.ts). Every function takes the sync transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { GuideSnapshot } from './guides.model.js';

/** One writer per guide: several app processes may sync at boot at the same time (held until the transaction ends). */
export async function lockGuideSync(db: Db, slug: string): Promise<void> {
  await rows(db, `SELECT pg_advisory_xact_lock(hashtext('guides.sync:' || $1))`, [slug]);
}

/** A member by handle, in any letter case. */
export async function memberIdByHandle(db: Db, handle: string): Promise<number | null> {
  return (await one<{ id: number }>(db, `SELECT id FROM users WHERE lower(handle) = lower($1)`, [handle]))?.id ?? null;
}

/** Where the guide with this slug comes from (null when there is none). */
export async function guideOrigin(db: Db, slug: string): Promise<{ id: number; source: string; sourceRoot: string | null } | null> {
  return one(db, `SELECT id, source, source_root AS "sourceRoot" FROM guides WHERE slug = $1`, [slug]);
}

/** Inserts a draft guide imported from the directory `root` (hash: its content's); returns its id. */
export async function insertFileGuide(
  db: Db, slug: string, snapshot: GuideSnapshot, ownerId: number, hash: string, root: string,
): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO guides (slug, title, summary, tags, owner_id, status, review_interval_months, language, sort_order, source, source_hash, source_root)
     VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, 'file', $9, $10) RETURNING id`,
    [slug, snapshot.title, snapshot.summary, snapshot.tags, ownerId, snapshot.reviewIntervalMonths, snapshot.language,
      snapshot.sortOrder, hash, root]);
  return row!.id;
}

/** The content hash of the guide's directory (null: the directory is gone). */
export async function setSourceHash(db: Db, guideId: number, hash: string | null): Promise<void> {
  await affected(db, `UPDATE guides SET source_hash = $2 WHERE id = $1`, [guideId, hash]);
}

/** Locks the live guides imported from `root` whose directory is no longer among `slugs`. */
export async function lockGoneFileGuides(db: Db, root: string, slugs: string[]): Promise<{ id: number; slug: string }[]> {
  return rows(db,
    `SELECT id, slug FROM guides WHERE source = 'file' AND source_root = $1 AND status <> 'archived' AND NOT (slug = ANY($2)) ORDER BY slug FOR UPDATE`,
    [root, slugs]);
}
