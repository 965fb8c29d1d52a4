// The SQL of the guide file sync (guides.content.ts). Every function takes the sync transaction's `db`.
import { one, rows, type Db } from '../../db/sql.js';
import { Guide } from './guide.entity.js';
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
  return db.findOne(Guide, { select: { id: true, source: true, sourceRoot: true }, where: { slug } });
}

/** Inserts a draft guide imported from the directory `root` (hash: its content's); returns its id. */
export async function insertFileGuide(
  db: Db, slug: string, snapshot: GuideSnapshot, ownerId: number, hash: string, root: string,
): Promise<number> {
  const res = await db.insert(Guide, {
    slug, title: snapshot.title, summary: snapshot.summary, tags: snapshot.tags, ownerId, status: 'draft',
    reviewIntervalMonths: snapshot.reviewIntervalMonths, language: snapshot.language, sortOrder: snapshot.sortOrder, source: 'file',
    sourceHash: hash, sourceRoot: root,
  });
  return res.identifiers[0]!.id as number;
}

/** The content hash of the guide's directory (null: the directory is gone). */
export async function setSourceHash(db: Db, guideId: number, hash: string | null): Promise<void> {
  await db.update(Guide, { id: guideId }, { sourceHash: hash });
}

/** Locks the live guides imported from `root` whose directory is no longer among `slugs`. */
export async function lockGoneFileGuides(db: Db, root: string, slugs: string[]): Promise<{ id: number; slug: string }[]> {
  return rows(db,
    `SELECT id, slug FROM guides WHERE source = 'file' AND source_root = $1 AND status <> 'archived' AND NOT (slug = ANY($2))
        AND translation_of_id IS NULL ORDER BY slug FOR UPDATE`,
    [root, slugs]);
}

/** Locks the live file translations of a guide whose language is no longer among `languages`. */
export async function lockGoneFileTranslations(db: Db, originalSlug: string, languages: string[]): Promise<{ id: number; slug: string }[]> {
  return rows(db,
    `SELECT t.id, t.slug FROM guides t JOIN guides o ON o.id = t.translation_of_id
      WHERE o.slug = $1 AND t.source = 'file' AND t.status <> 'archived' AND NOT (t.language = ANY($2)) ORDER BY t.slug FOR UPDATE OF t`,
    [originalSlug, languages]);
}
