// The SQL of the guides' search documents (guides.search.ts).
import { rows, type Queryable } from '../../db/sql.js';

/** The published chapters among `ids`, with their guide's slug, title, tags and language. */
export async function publishedChapterRows(db: Queryable, ids: number[]): Promise<Record<string, unknown>[]> {
  return rows(db,
    `SELECT c.id, c.slug, c.title, c.body_source AS source, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            g.slug AS "guideSlug", g.title AS "guideTitle", g.tags, g.language
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE c.id = ANY($1) AND g.status = 'published' ORDER BY c.guide_id, c.position, c.id`, [ids]);
}
