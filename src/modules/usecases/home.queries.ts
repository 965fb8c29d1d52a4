// Reads for the visitors' home page: how many use cases the library holds, and the newest public ones.
import type { DataSource } from 'typeorm';
import { one, type Db } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

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

/** How many the visitors' home page lists. */
export const RECENT_PUBLIC_CASES = 4;

/**
 * The newest published public use cases (never network-only ones), from use_cases_public_recent_idx in
 * its order. A named statement with its limit written in: planned once per connection (3 ms of
 * planning against 0.2 ms of reading), where `LIMIT $1` would be re-planned (docs/forum.md "Generic plans").
 */
export async function recentPublicUseCases(db: DataSource | Db): Promise<RecentPublicCase[]> {
  return preparedQuery<RecentPublicCase>(db, 'usecases-recent-public',
    `SELECT uc.slug, uc.title, uc.summary, uc.language, a.name AS "administrationName", uc.published_at AS "publishedAt"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.published AND uc.visibility = 'public'
      ORDER BY uc.published_at DESC NULLS LAST, uc.id DESC LIMIT ${RECENT_PUBLIC_CASES}`, []);
}
