// The use-case feed's rows: the newest published cases the reader may see, with the list's filters.
import type { DataSource } from 'typeorm';
import { rows } from '../../db/sql.js';
import { conditions, type Filter } from './usecases.queries.js';

export interface FeedCaseRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  language: string;
  policyAreas: string[];
  administrationName: string;
  publishedAt: Date;
  updatedAt: Date;
}

/** Published cases: public ones for visitors, network ones too for a member; the list's facet conditions. */
export async function feedCases(ds: DataSource, filter: Filter, member: boolean, limit: number): Promise<FeedCaseRow[]> {
  const params: unknown[] = [limit];
  const where = [member ? 'uc.published' : `uc.published AND uc.visibility = 'public'`, ...Object.values(conditions(filter, params))];
  return rows<FeedCaseRow>(ds,
    `SELECT uc.id, uc.slug, uc.title, uc.summary, uc.language, uc.policy_areas AS "policyAreas", a.name AS "administrationName",
            uc.published_at AS "publishedAt", greatest(uc.published_at, uc.updated_at) AS "updatedAt"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE ${where.join(' AND ')}
      ORDER BY uc.published_at DESC, uc.id DESC LIMIT $1`,
    params);
}
