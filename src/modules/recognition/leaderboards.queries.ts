// Reads of the leaderboards: the most helpful members and the most engaged administrations of a
// Berlin calendar month or year, the facilitators' export, an administration's engagement and a
// member's opt-in. Only members who agreed to be shown (recognition_preferences.leaderboard_visible)
// and whose account is active count; hidden members are absent from every figure here except the
// use cases and adoptions on an administration's page, which are published facts about its work.
// A period counts the ledger lines written in it: a reversal counts when it was written, so an
// award withdrawn next month lowers next month's total. One statement per block; each starts from
// the visible members and reads the ledger through its (user_id, created_at) index.
import type { DataSource } from 'typeorm';
import { one, rows, type Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export const PERIODS = ['month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** The period's bounds on the Berlin calendar around $1 (an instant), unit $2 ('month' | 'year'). */
const BOUNDS = `bounds AS (
  SELECT b AT TIME ZONE 'Europe/Berlin' AS since, (b + ('1 ' || $2)::interval) AT TIME ZONE 'Europe/Berlin' AS until
    FROM (SELECT date_trunc($2, $1::timestamptz AT TIME ZONE 'Europe/Berlin') AS b) x)`;

/** Each visible, active member's net points in the period (only those with more than none). */
const TOTALS = `totals AS (
  SELECT l.user_id, sum(l.points)::int AS points
    FROM recognition_preferences p
    JOIN recognition_ledger l ON l.user_id = p.user_id
    CROSS JOIN bounds
   WHERE p.leaderboard_visible AND l.created_at >= bounds.since AND l.created_at < bounds.until
   GROUP BY l.user_id
  HAVING sum(l.points) > 0)`;

export interface RankedMember {
  rank: number;
  handle: string;
  name: string;
  administrationName: string | null;
  administrationSlug: string | null;
  points: number;
}

/** The members with the most points in the period, most first (equal points share a rank). */
export async function topMembers(ds: Queryable, period: Period, at: Date, limit: number): Promise<RankedMember[]> {
  const list = await rows<RankedMember & { rank: string }>(ds,
    `WITH ${BOUNDS}, ${TOTALS}
     SELECT rank() OVER (ORDER BY t.points DESC) AS rank, u.handle, u.name, a.name AS "administrationName", a.slug AS "administrationSlug", t.points
       FROM totals t JOIN users u ON u.id = t.user_id AND u.status = 'active'
       LEFT JOIN administrations a ON a.id = u.administration_id
      ORDER BY t.points DESC, u.name, u.id
      LIMIT $3`,
    [at.toISOString(), period, limit]);
  return list.map((m) => ({ ...m, rank: Number(m.rank) }));
}

export interface RankedAdministration {
  rank: number;
  name: string;
  slug: string;
  points: number;
  /** Visible members who earned points in the period. */
  members: number;
  perMember: number;
}

/**
 * The administrations whose visible members earned the most points per head in the period (only
 * members who earned any count as members, so a small town with one busy member can lead).
 */
export async function topAdministrations(ds: Queryable, period: Period, at: Date, limit: number, minMembers = 1): Promise<RankedAdministration[]> {
  const list = await rows<{ name: string; slug: string; points: number; members: number; per_member: string; rank: string }>(ds,
    `WITH ${BOUNDS}, ${TOTALS},
     per AS (
       SELECT a.id, a.name, a.slug, sum(t.points)::int AS points, count(*)::int AS members, round(sum(t.points)::numeric / count(*), 1) AS per_member
         FROM totals t JOIN users u ON u.id = t.user_id AND u.status = 'active'
         JOIN administrations a ON a.id = u.administration_id
        GROUP BY a.id, a.name, a.slug
       HAVING count(*) >= $4)
     SELECT rank() OVER (ORDER BY per_member DESC) AS rank, name, slug, points, members, per_member
       FROM per ORDER BY per_member DESC, points DESC, name, id
      LIMIT $3`,
    [at.toISOString(), period, limit, minMembers]);
  return list.map((a) => ({ rank: Number(a.rank), name: a.name, slug: a.slug, points: a.points, members: a.members, perMember: Number(a.per_member) }));
}

/** The facilitators' export: every visible member with points in the period (bounded). */
export const EXPORT_LIMIT = 5000;

export interface Engagement {
  /** Points this Berlin calendar year of the administration's visible members. */
  points: number;
  /** Its visible members who earned points this year. */
  members: number;
  /** Use cases its members published (distinct), and how often other administrations implemented them. */
  useCases: number;
  adoptions: number;
}

/**
 * An administration's engagement, for its profile page (its active members, as the page lists them).
 * A named statement: PostgreSQL planned it on every view of the page (1.4 ms against 0.2 ms to run it).
 */
export async function engagementOf(ds: DataSource, administrationId: number, at: Date): Promise<Engagement> {
  const [row] = await preparedQuery<Engagement>(ds, 'recognition-engagement-of',
    `WITH ${BOUNDS},
     members AS (
       SELECT u.id, coalesce(p.leaderboard_visible, false) AS shown
         FROM users u LEFT JOIN recognition_preferences p ON p.user_id = u.id
        WHERE u.administration_id = $3 AND u.status = 'active'),
     earned AS (
       SELECT l.user_id, sum(l.points) AS points
         FROM members m JOIN recognition_ledger l ON l.user_id = m.id CROSS JOIN bounds
        WHERE m.shown AND l.created_at >= bounds.since AND l.created_at < bounds.until
        GROUP BY l.user_id
       HAVING sum(l.points) > 0),
     cases AS (
       SELECT DISTINCT f.item_id FROM members m JOIN recognition_facts f ON f.user_id = m.id AND f.kind = 'usecase.published' AND f.holds),
     -- One fact per author of the implemented use case: counted once per use case and declaring member.
     adopted AS (
       SELECT DISTINCT f.item_id, coalesce(f.actor_id::text, f.fact) AS who
         FROM members m JOIN recognition_facts f ON f.user_id = m.id AND f.kind = 'usecase.implemented' AND f.holds)
     SELECT (SELECT coalesce(sum(points), 0)::int FROM earned) AS points,
            (SELECT count(*)::int FROM earned) AS members,
            (SELECT count(*)::int FROM cases) AS "useCases",
            (SELECT count(*)::int FROM adopted) AS adoptions`,
    [at.toISOString(), 'year', administrationId]);
  return row!;
}

/** The member's answer: true (shown), false (hidden) or null (not asked yet). */
export async function leaderboardChoiceOf(ds: Queryable, userId: number): Promise<boolean | null> {
  const row = await one<{ leaderboard_visible: boolean | null }>(ds, `SELECT leaderboard_visible FROM recognition_preferences WHERE user_id = $1`, [userId]);
  return row?.leaderboard_visible ?? null;
}

/** The privacy download: the member's leaderboard choice. */
export async function exportPreferences(ds: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  return rows(ds, `SELECT leaderboard_visible AS "leaderboardVisible", answered_at AS "answeredAt", updated_at AS "updatedAt"
                     FROM recognition_preferences WHERE user_id = $1`, [userId]);
}
