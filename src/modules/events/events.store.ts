// Writes for events and calendar feeds. Simple statements go through the entities; the feed upsert is SQL.
import type { Db } from '../../db/sql.js';
import { affected, one } from '../../db/sql.js';
import { CalendarFeed, Event } from './event.entity.js';

export type EventValues = Pick<Event,
  'slug' | 'title' | 'kind' | 'format' | 'descriptionSource' | 'descriptionHtml' | 'startsAt' | 'endsAt' | 'place' | 'onlineUrl'
  | 'capacity' | 'registrationOpensAt' | 'registrationClosesAt' | 'visibility' | 'language' | 'organiserAdministrationId' | 'groupId'>;

export async function insertEvent(db: Db, values: EventValues & { uid: string; createdById: number }): Promise<number> {
  const result = await db.insert(Event, values);
  return Number((result.identifiers[0] as { id: number }).id);
}

export async function updateEvent(db: Db, id: number, values: EventValues, raiseSequence: boolean): Promise<void> {
  await db.update(Event, { id }, { ...values, updatedAt: new Date() });
  if (raiseSequence) await db.increment(Event, { id }, 'sequence', 1);
}

export async function markCancelled(db: Db, id: number, reason: string): Promise<boolean> {
  return (await affected(db,
    `UPDATE events SET cancelled_at = now(), cancel_reason = $2, sequence = sequence + 1, updated_at = now()
      WHERE id = $1 AND cancelled_at IS NULL`, [id, reason])) > 0;
}

export const administrationExists = async (db: Db, id: number) =>
  !!(await one(db, `SELECT 1 FROM administrations WHERE id = $1`, [id]));

export const groupExists = async (db: Db, id: number) =>
  !!(await one(db, `SELECT 1 FROM working_groups WHERE id = $1`, [id]));

/** One feed per member: a new token replaces the old one, which stops working at once. */
export async function replaceFeed(db: Db, userId: number, tokenHash: string): Promise<void> {
  await db.query(
    `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`, [userId, tokenHash]);
}

export const deleteFeed = (db: Db, userId: number) => db.delete(CalendarFeed, { userId });
