// Reads for the visitors' home page: how many use cases the library holds, and the newest public ones.
import type { DataSource } from 'typeorm';
import { one, rows, type Db } from '../../db/sql.js';

/** Published use cases (public and network-only: the number says what members find after joining). */
export async function publishedUseCaseCount(db: DataSource | Db): Promise<number> {
  const r = await one<{ n: string }>(db, `SELECT count(*) AS n FROM use_cases WHERE published`);
  return Number(r?.n ?? 0);
}

export interface RecentPublicCase {
  slug: string;
  title: string;
  summary: string;
  language: string;
  administrationName: string;
  publishedAt: Date;
}

/** The newest published public use cases (never network-only ones). */
export async function recentPublicUseCases(db: DataSource | Db, limit = 4): Promise<RecentPublicCase[]> {
  return rows(db,
    `SELECT uc.slug, uc.title, uc.summary, uc.language, a.name AS "administrationName", uc.published_at AS "publishedAt"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.published AND uc.visibility = 'public'
      ORDER BY uc.published_at DESC NULLS LAST, uc.id DESC LIMIT $1`, [limit]);
}
