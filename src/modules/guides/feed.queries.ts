// The guide feed's rows: each published revision of a guide that is published now, newest first;
// the guide's first published revision is its publication, later ones are updates.
import type { DataSource } from 'typeorm';
import { rows } from '../../db/sql.js';

export interface FeedRevisionRow {
  revisionId: number;
  slug: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  publishedAt: Date;
  first: boolean;
}

export const feedRevisions = (ds: DataSource, limit: number) => rows<FeedRevisionRow>(ds,
  `SELECT r.id AS "revisionId", g.slug, g.title, g.summary, g.language, g.tags, coalesce(r.reviewed_at, r.created_at) AS "publishedAt",
          NOT EXISTS (SELECT 1 FROM guide_revisions e WHERE e.guide_id = r.guide_id AND e.status = 'published' AND e.id < r.id) AS first
     FROM guide_revisions r JOIN guides g ON g.id = r.guide_id
    WHERE r.status = 'published' AND g.status = 'published' AND g.translation_of_id IS NULL
    ORDER BY coalesce(r.reviewed_at, r.created_at) DESC, r.id DESC LIMIT $1`,
  [limit]);
