// The visitors' home page: public upcoming events (not cancelled, not network- or group-only).
import type { DataSource } from 'typeorm';
import type { Db } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

/** How many the visitors' home page lists. */
export const UPCOMING_PUBLIC_EVENTS = 3;

/** A named statement with its limit written in, as the page's other lists (planned once per connection). */
export async function upcomingPublicEvents(db: DataSource | Db): Promise<{ id: number; slug: string; title: string; language: string; startsAt: Date; place: string }[]> {
  return preparedQuery(db, 'events-upcoming-public',
    `SELECT id, slug, title, language, starts_at AS "startsAt", place FROM events
      WHERE visibility = 'public' AND cancelled_at IS NULL AND ends_at > now() ORDER BY starts_at, id LIMIT ${UPCOMING_PUBLIC_EVENTS}`, []);
}
