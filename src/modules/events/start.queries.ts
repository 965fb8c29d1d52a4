// The events' block on the member start page: my upcoming events, one statement.
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export interface UpcomingEventRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  startsAt: Date;
  status: string;
  cancelled: boolean;
  total: number;
}

/** Events the member registered for (or waits for) that have not ended, soonest first. */
export async function myUpcomingEvents(db: Queryable, userId: number, limit = 5): Promise<UpcomingEventRow[]> {
  return preparedQuery<UpcomingEventRow>(db, 'start-events-upcoming',
    `SELECT e.id, e.slug, e.title, e.language, e.starts_at AS "startsAt", r.status, e.cancelled_at IS NOT NULL AS cancelled,
            count(*) OVER ()::int AS total
       FROM event_registrations r JOIN events e ON e.id = r.event_id
      WHERE r.user_id = $1 AND r.status IN ('registered', 'waiting') AND e.ends_at >= now()
      ORDER BY e.starts_at, e.id LIMIT $2`, [userId, limit]);
}
