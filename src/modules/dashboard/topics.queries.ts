// Reads of the dashboard's "hot topics" section: the rollups per dimension (tag, policy area, method)
// summed over a period and its previous one, and — bounded by LIMITs and indexes — the threads and
// use cases behind the top entries, only what anyone signed in may read (no restricted category,
// nothing removed, hidden, merged or unpublished).
import type { Queryable } from '../../db/sql.js';

export interface DimTotals { metric: string; dim: string; now: number; before: number }

/** Per metric and dimension: the sums over from … to and prevFrom … prevTo (Berlin days, inclusive; network-wide totals). */
export async function totalsByDim(ds: Queryable, metrics: string[], p: { from: string; to: string; prevFrom: string; prevTo: string }): Promise<DimTotals[]> {
  return ds.query(
    `SELECT metric, dim,
            coalesce(sum(value) FILTER (WHERE day BETWEEN $2 AND $3), 0)::int AS now,
            coalesce(sum(value) FILTER (WHERE day BETWEEN $4 AND $5), 0)::int AS before
       FROM dashboard_daily_total
      WHERE metric = ANY($1) AND dim <> '' AND (day BETWEEN $2 AND $3 OR day BETWEEN $4 AND $5)
      GROUP BY metric, dim`, [metrics, p.from, p.to, p.prevFrom, p.prevTo]);
}

export interface BusyThread { tag: string; id: number; slug: string; title: string; replies: number }

/**
 * Threads of tag `g` last active in the period, newest activity first: a walk of the forum's
 * activity index (pinned or not, then last activity). `< true` selects the pinned ones: PostgreSQL
 * turns `= false` into `pinned_at IS NOT NULL`, which the index does not match.
 */
const activeOfTag = (pinned: boolean) => `(SELECT t.id, t.slug, t.title, t.reply_count, t.last_activity_at
    FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
   WHERE (t.pinned_at IS NULL) ${pinned ? '< true' : '= true'} AND t.merged_into_id IS NULL
     AND t.last_activity_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Berlin'
     AND t.last_activity_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'
     AND t.removed_at IS NULL AND t.hidden_at IS NULL AND NOT c.restricted
     AND EXISTS (SELECT 1 FROM forum_thread_tags tt WHERE tt.thread_id = t.id AND tt.tag_id = g.id)
   ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $5)`;

/**
 * Per tag, the `limit` threads with the most replies among its `candidates` threads last active in
 * the period. Bounded: the forum's activity index is walked from the period's end until enough of
 * the tag's threads are found (a popular tag: a few hundred rows), and replies are never counted
 * (the thread's stored reply count). A thread active in the period and again after it is not seen.
 */
export async function busiestThreads(ds: Queryable, tags: string[], from: string, to: string, limit = 3, candidates = 100): Promise<BusyThread[]> {
  if (!tags.length) return [];
  return ds.query(
    `SELECT g.name AS tag, x.id, x.slug, x.title, x.reply_count AS replies
       FROM forum_tags g CROSS JOIN LATERAL (
         SELECT * FROM (${activeOfTag(false)} UNION ALL ${activeOfTag(true)}) a
          ORDER BY a.reply_count DESC, a.last_activity_at DESC, a.id DESC LIMIT $4) x
      WHERE g.name = ANY($1)`, [tags, from, to, limit, candidates]);
}

export interface NewUseCase { key: string; slug: string; title: string; publishedAt: Date }

/** Per policy area or method key, the `limit` use cases published last in the period (listing index). */
export async function newestUseCases(ds: Queryable, column: 'policy_areas' | 'methods', keys: string[], from: string, to: string, limit = 3): Promise<NewUseCase[]> {
  if (!keys.length) return [];
  return ds.query(
    `SELECT k.key, x.slug, x.title, x.published_at AS "publishedAt"
       FROM unnest($1::text[]) AS k(key) CROSS JOIN LATERAL (
         SELECT uc.slug, uc.title, uc.published_at FROM use_cases uc
          WHERE uc.published AND uc.visibility IN ('public', 'network') AND uc.${column} @> ARRAY[k.key]
            AND uc.published_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Berlin'
            AND uc.published_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'
          ORDER BY uc.published_at DESC, uc.id DESC LIMIT $4) x`, [keys, from, to, limit]);
}
