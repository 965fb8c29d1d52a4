// The visitors' home page: public upcoming events (not cancelled, not network- or group-only).
import type { DataSource } from 'typeorm';
import { rows, type Db } from '../../db/sql.js';

export async function upcomingPublicEvents(db: DataSource | Db, limit = 3): Promise<{ id: number; slug: string; title: string; language: string; startsAt: Date; place: string }[]> {
  return rows(db,
    `SELECT id, slug, title, language, starts_at AS "startsAt", place FROM events
      WHERE visibility = 'public' AND cancelled_at IS NULL AND ends_at > now() ORDER BY starts_at, id LIMIT $1`, [limit]);
}
