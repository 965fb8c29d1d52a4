// The SQL of the demo guides' dates (guides.demo.ts).
import { affected, rows, type Db } from '../../db/sql.js';

/**
 * Guides imported from content/ in the last day and never changed since (one revision): the demo
 * content sync has just brought them in.
 */
export const freshFileGuides = (db: Db) => rows<{ id: number; slug: string }>(db,
  `SELECT g.id, g.slug FROM guides g
    WHERE g.source = 'file' AND g.created_at > now() - interval '1 day'
      AND (SELECT count(*) FROM guide_revisions r WHERE r.guide_id = g.id) = 1
    ORDER BY g.slug`);

/** The guide, its revision and its chapters were written and published at `at` (reviewed an hour later). */
export async function dateGuide(db: Db, guideId: number, at: Date): Promise<void> {
  await affected(db,
    `UPDATE guides SET created_at = $2, updated_at = $2, published_at = CASE WHEN published_at IS NOT NULL THEN $2::timestamptz END WHERE id = $1`,
    [guideId, at]);
  await affected(db,
    `UPDATE guide_revisions SET created_at = $2, reviewed_at = CASE WHEN reviewed_at IS NOT NULL THEN $2::timestamptz + interval '1 hour' END
      WHERE guide_id = $1`, [guideId, at]);
  await affected(db, `UPDATE guide_chapters SET created_at = $2, updated_at = $2 WHERE guide_id = $1`, [guideId, at]);
}
