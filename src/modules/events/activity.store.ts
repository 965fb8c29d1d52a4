// What the events' activity facts are read from (events.activity.ts builds the events): attendance
// recorded, presenters on an agenda and pre-vote topics that made it, of events not cancelled. For
// one event, or (null) for all of them.
import { rows, type Queryable } from '../../db/sql.js';

export interface EventRef {
  eventId: number;
  eventSlug: string;
  eventTitle: string;
  kind: string;
  format: string;
  /** The event's organiser, who stands for whoever recorded it when the data does not tell. */
  createdById: number | null;
  at: Date;
}

/**
 * Locks the event for a write whose facts are tracked: two organisers recording attendance or
 * changing the agenda at once would otherwise each compare against what the other has not committed.
 */
export async function lockEventFacts(db: Queryable, eventId: number): Promise<void> {
  await rows(db, `SELECT id FROM events WHERE id = $1 FOR UPDATE`, [eventId]);
}

const EVENT = `e.id AS "eventId", e.slug AS "eventSlug", e.title AS "eventTitle", e.kind, e.format, e.created_by_id AS "createdById"`;

export async function attendances(db: Queryable, eventId: number | null): Promise<(EventRef & { userId: number })[]> {
  return rows(db,
    `SELECT ${EVENT}, r.user_id AS "userId", e.starts_at AS at
       FROM event_registrations r JOIN events e ON e.id = r.event_id
      WHERE r.attended AND e.cancelled_at IS NULL AND ($1::int IS NULL OR e.id = $1)`,
    [eventId]);
}

/** Members presenting an item on an event's agenda (once per event). */
export async function presenters(db: Queryable, eventId: number | null): Promise<(EventRef & { userId: number })[]> {
  return rows(db,
    `SELECT ${EVENT}, p.user_id AS "userId", min(i.created_at) AS at
       FROM event_agenda_presenters p JOIN event_agenda_items i ON i.id = p.item_id JOIN events e ON e.id = i.event_id
      WHERE e.cancelled_at IS NULL AND ($1::int IS NULL OR e.id = $1)
      GROUP BY e.id, p.user_id`,
    [eventId]);
}

/** Topics on the agenda (an item made from them, or from the topic they were merged into), with their proposer. */
export async function topicsOnAgenda(db: Queryable, eventId: number | null): Promise<(EventRef & { topicId: number; topicTitle: string; proposerId: number })[]> {
  return rows(db,
    `SELECT DISTINCT ON (t.id) ${EVENT}, t.id AS "topicId", t.title AS "topicTitle", t.proposer_id AS "proposerId", i.created_at AS at
       FROM event_agenda_items i JOIN prevote_topics t ON t.id = i.topic_id OR t.merged_into_id = i.topic_id
       JOIN events e ON e.id = i.event_id
      WHERE i.topic_id IS NOT NULL AND t.proposer_id IS NOT NULL AND e.cancelled_at IS NULL AND ($1::int IS NULL OR e.id = $1)
      ORDER BY t.id, i.created_at`,
    [eventId]);
}
