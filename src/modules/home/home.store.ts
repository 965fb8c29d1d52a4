// The start page's only write: the member's visit, recorded with the page's read.
import { rows, type Db, type Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

/** Visits closer together than this count as one (a reload does not empty "since my last visit"). */
export const VISIT_GAP_MINUTES = 30;

/**
 * Records this visit and returns the previous one ("since my last visit"); before any earlier
 * visit, the member's sign-up time. One statement: the upsert moves the stored last visit to
 * previous_visit_at when it is more than VISIT_GAP_MINUTES old, and answers with previous_visit_at.
 */
export async function recordVisit(db: Queryable, userId: number): Promise<Date> {
  const [row] = await preparedQuery<{ since: Date }>(db, 'home-record-visit',
    `WITH up AS (
       INSERT INTO home_visits (user_id, last_visit_at, previous_visit_at) VALUES ($1, now(), NULL)
       ON CONFLICT (user_id) DO UPDATE
         SET previous_visit_at = CASE WHEN home_visits.last_visit_at < now() - make_interval(mins => $2)
                                      THEN home_visits.last_visit_at ELSE home_visits.previous_visit_at END,
             last_visit_at = now()
       RETURNING previous_visit_at)
     SELECT coalesce((SELECT previous_visit_at FROM up), (SELECT created_at FROM users WHERE id = $1), now()) AS since`,
    [userId, VISIT_GAP_MINUTES],
  );
  return new Date(row!.since);
}

/** For the member's data download. */
export async function visitsOfMember(db: Queryable, userId: number): Promise<unknown[]> {
  return rows(db, `SELECT last_visit_at AS "lastVisitAt", previous_visit_at AS "previousVisitAt" FROM home_visits WHERE user_id = $1`, [userId]);
}

/** Account deletion: the visit marks are personal data and go in any case. */
export async function deleteVisitsOf(db: Db, userId: number): Promise<void> {
  await rows(db, `DELETE FROM home_visits WHERE user_id = $1`, [userId]);
}
