// The use cases' blocks on the member start page: one bounded statement each. Members see every
// published case (network and public); unpublished ones only when they own or edit them.
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';
import { similaritySql } from '../administrations/index.js';

/** How many items a start-page block lists: in the statements' text, not a parameter (see forum/start.queries.ts). */
export const START_LIMIT = 5;
/** "Like mine" lists cases from administrations at least this similar (0 … 1, see similarity.ts). */
export const LIKE_MINE_THRESHOLD = 0.7;

export interface StartCaseRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  administrationName: string;
  at: Date;
  count: number;
  total: number;
  /** 'new' or 'updated' since the member's last visit, else null. */
  freshness: 'new' | 'updated' | null;
}

/** My cases (owned or edited) with comments from others since `since`, newest comment first. */
export async function commentsOnMyCases(db: Queryable, memberId: number, since: Date): Promise<StartCaseRow[]> {
  return preparedQuery<StartCaseRow>(db, 'start-cases-comments',
    `WITH mine AS (SELECT id FROM use_cases WHERE owner_id = $1
                   UNION SELECT id FROM use_cases WHERE created_by_id = $1
                   UNION SELECT use_case_id FROM use_case_editors WHERE user_id = $1)
     SELECT uc.id, uc.slug, uc.title, uc.language, a.name AS "administrationName", max(c.created_at) AS at,
            count(*)::int AS count, count(*) OVER ()::int AS total, NULL AS freshness
       FROM mine JOIN use_cases uc ON uc.id = mine.id
       JOIN administrations a ON a.id = uc.administration_id
       JOIN use_case_comments c ON c.use_case_id = uc.id AND c.created_at > $2
                               AND c.deleted_at IS NULL AND c.hidden_at IS NULL AND c.author_id IS DISTINCT FROM $1
      GROUP BY uc.id, a.name ORDER BY max(c.created_at) DESC, uc.id DESC LIMIT ${START_LIMIT}`,
    [memberId, since]);
}

const FRESHNESS = `CASE WHEN coalesce(uc.published_at, uc.created_at) > $SINCE THEN 'new' WHEN uc.updated_at > $SINCE THEN 'updated' END`;
const recency = 'greatest(coalesce(uc.published_at, uc.created_at), uc.updated_at)';

export interface LikeMineRow extends StartCaseRow {
  score: number;
  kind: string;
  population: number | null;
  state: string;
  refKind: string;
  refPopulation: number | null;
  refState: string;
}

/**
 * A cheap necessary condition for a score ≥ LIKE_MINE_THRESHOLD (0.7) with the weights of
 * similarity.ts, tested before the score's logarithms: populations within a factor of 10, or the
 * same kind in the same Land (only then can a far-off size reach 0.7). The score
 * itself decides; tests/modules/home/like-mine-prefilter.test.ts keeps this condition honest.
 */
export const LIKE_MINE_PREFILTER = `((a.kind = ref.kind AND a.state = ref.state)
  OR a.population BETWEEN ref.population / 10.0 AND ref.population * 10.0)`;

/**
 * Published cases of other administrations at least LIKE_MINE_THRESHOLD similar to the member's,
 * most recently published or updated first (the score decides who is in, recency the order): the
 * scan walks use_cases_recent_idx newest first and stops at the first few that qualify.
 */
export async function casesLikeMine(db: Queryable, administrationId: number, since: Date): Promise<LikeMineRow[]> {
  const score = similaritySql('a', { kind: 'ref.kind', population: 'ref.population', state: 'ref.state' });
  return preparedQuery<LikeMineRow>(db, 'start-cases-like-mine',
    `WITH ref AS MATERIALIZED (SELECT kind, population, state FROM administrations WHERE id = $1)
     SELECT uc.id, uc.slug, uc.title, uc.language, a.name AS "administrationName", ${recency} AS at, 0 AS count, 0 AS total,
            ${score} AS score, a.kind, a.population, a.state,
            ref.kind AS "refKind", ref.population AS "refPopulation", ref.state AS "refState",
            ${FRESHNESS.replace(/\$SINCE/g, '$2')} AS freshness
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id CROSS JOIN ref
      WHERE uc.published AND uc.administration_id <> $1 AND ${LIKE_MINE_PREFILTER} AND ${score} >= ${LIKE_MINE_THRESHOLD}
      ORDER BY ${recency} DESC, uc.id DESC LIMIT ${START_LIMIT}`,
    [administrationId, since]);
}

/**
 * Published cases of others matching a topic (policy area) or method the member follows, most
 * recently published or updated first (use_cases_recent_idx: the scan stops at the first few
 * matches); `count` is how many of the followed keys they match. `total` is 0: the block links
 * to the list instead of counting. A member who follows nothing costs one index probe: the
 * condition on `f` filters its single row before the lateral scan runs (without it the scan walked
 * every published case to find none — 15 ms at 10,000 cases).
 */
export async function casesInMyTopics(db: Queryable, memberId: number, since: Date): Promise<StartCaseRow[]> {
  return preparedQuery<StartCaseRow>(db, 'start-cases-topics',
    `WITH f AS MATERIALIZED (SELECT coalesce(array_agg(key) FILTER (WHERE facet = 'topic'), '{}') AS topics,
                       coalesce(array_agg(key) FILTER (WHERE facet = 'method'), '{}') AS methods
                  FROM use_case_topic_follows WHERE user_id = $1)
     SELECT x.id, x.slug, x.title, x.language, x."administrationName", x.at, x.count, 0 AS total, x.freshness
       FROM f CROSS JOIN LATERAL (
         SELECT uc.id, uc.slug, uc.title, uc.language, a.name AS "administrationName", ${recency} AS at,
                (cardinality(ARRAY(SELECT unnest(uc.policy_areas) INTERSECT SELECT unnest(f.topics)))
                 + cardinality(ARRAY(SELECT unnest(uc.methods) INTERSECT SELECT unnest(f.methods))))::int AS count,
                ${FRESHNESS.replace(/\$SINCE/g, '$2')} AS freshness
           FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
          WHERE uc.published AND (uc.policy_areas && f.topics OR uc.methods && f.methods)
            AND uc.owner_id IS DISTINCT FROM $1 AND uc.created_by_id IS DISTINCT FROM $1
          ORDER BY ${recency} DESC, uc.id DESC LIMIT ${START_LIMIT}) x
      WHERE cardinality(f.topics) + cardinality(f.methods) > 0
      ORDER BY x.at DESC, x.id DESC`,
    [memberId, since]);
}

export interface CareRow {
  slug: string;
  title: string;
  language: string;
  at: string;
  total: number;
  openFlags: number;
}

/** Facilitators: published cases past their review date (oldest first) and the number of open comment flags. */
export async function casesNeedingCare(db: Queryable): Promise<{ overdue: CareRow[]; openFlags: number }> {
  const found = await preparedQuery<CareRow>(db, 'start-cases-care',
    `WITH flags AS (SELECT count(DISTINCT comment_id)::int AS n FROM use_case_comment_flags WHERE resolved_at IS NULL)
     SELECT d.slug, d.title, d.language, d.at, d.total, flags.n AS "openFlags"
       FROM flags LEFT JOIN LATERAL (
         SELECT uc.slug, uc.title, uc.language, uc.next_review_at::text AS at, count(*) OVER ()::int AS total
           FROM use_cases uc WHERE uc.published AND uc.next_review_at < current_date
          ORDER BY uc.next_review_at, uc.id LIMIT ${START_LIMIT}) d ON true`,
    []);
  return { overdue: found.filter((r) => r.slug !== null), openFlags: found[0]?.openFlags ?? 0 };
}
