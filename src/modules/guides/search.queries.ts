// The SQL of the guides' search documents (guides.search.ts).
import { rows, type Queryable } from '../../db/sql.js';

/**
 * The published chapters among `ids`, with their guide's slug, title, tags and language. A
 * translation's chapter links to the original's address in its language (`translated`) and is left
 * out while it is still the original's text (a translation starts as a copy).
 */
export async function publishedChapterRows(db: Queryable, ids: number[]): Promise<Record<string, unknown>[]> {
  return rows(db,
    `SELECT c.id, coalesce(oc.slug, c.slug) AS slug, c.title, c.body_source AS source, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            coalesce(o.slug, g.slug) AS "guideSlug", g.title AS "guideTitle", g.tags, g.language, o.id IS NOT NULL AS translated
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
       LEFT JOIN guides o ON o.id = g.translation_of_id
       LEFT JOIN guide_chapters oc ON oc.guide_id = o.id AND oc.uid = c.uid
      WHERE c.id = ANY($1) AND g.status = 'published'
        AND (g.translation_of_id IS NULL OR (o.status = 'published' AND oc.id IS NOT NULL AND NOT (oc.body_source = c.body_source AND oc.title = c.title)))
      ORDER BY c.guide_id, c.position, c.id`, [ids]);
}
