// Registrations' SQL. Every change to who holds a place runs with the event's row locked
// (lockEvent: SELECT … FOR UPDATE), so concurrent registrations and cancellations queue up on the
// event and the count of registered people never exceeds the capacity.
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';
import type { RegistrationStatus } from './event.entity.js';

export interface LockedEvent {
  id: number;
  capacity: number | null;
  cancelledAt: Date | null;
}

/** Locks the event's row for the rest of the transaction (null: no such event). */
export const lockEvent = (db: Db, id: number) => one<LockedEvent>(db,
  `SELECT id, capacity, cancelled_at AS "cancelledAt" FROM events WHERE id = $1 FOR UPDATE`, [id]);

export const registrationOf = (db: Queryable, eventId: number, userId: number) =>
  one<{ id: number; status: RegistrationStatus }>(db,
    `SELECT id, status FROM event_registrations WHERE event_id = $1 AND user_id = $2`, [eventId, userId]);

export async function registeredCount(db: Queryable, eventId: number): Promise<number> {
  return (await one<{ n: number }>(db,
    `SELECT count(*)::int AS n FROM event_registrations WHERE event_id = $1 AND status = 'registered'`, [eventId]))!.n;
}

/** Registers or puts on the waiting list (a cancelled registration is taken up again). */
export async function upsertRegistration(db: Db, eventId: number, userId: number, status: 'registered' | 'waiting', shareEmail: boolean): Promise<void> {
  await db.query(
    `INSERT INTO event_registrations (event_id, user_id, status, waiting_since, share_email)
     VALUES ($1, $2, $3, CASE WHEN $3 = 'waiting' THEN clock_timestamp() END, $4)
     ON CONFLICT (event_id, user_id) DO UPDATE
       SET status = EXCLUDED.status, waiting_since = EXCLUDED.waiting_since, share_email = EXCLUDED.share_email,
           attended = NULL, updated_at = now()`,
    [eventId, userId, status, shareEmail]);
}

export const cancelRegistration = (db: Db, id: number) =>
  affected(db, `UPDATE event_registrations SET status = 'cancelled', waiting_since = NULL, updated_at = now() WHERE id = $1`, [id]);

/**
 * Fills free places from the waiting list, first come first served, and returns who moved up.
 * Call with the event locked. A capacity of null means no limit: everyone waiting moves up.
 */
export async function promoteWaiting(db: Db, eventId: number, capacity: number | null): Promise<number[]> {
  const free = capacity === null ? null : capacity - (await registeredCount(db, eventId));
  if (free !== null && free <= 0) return [];
  const promoted = await rows<{ userId: number }>(db,
    `UPDATE event_registrations SET status = 'registered', waiting_since = NULL, updated_at = now()
      WHERE id IN (SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waiting'
                    ORDER BY waiting_since, id LIMIT $2)
      RETURNING user_id AS "userId"`, [eventId, free]);
  return promoted.map((p) => p.userId);
}

export interface PersonToTell {
  userId: number;
  email: string;
  language: 'de' | 'en';
  status: RegistrationStatus;
}

/** Everyone registered or waiting for an event, with how to reach them. */
export const peopleToTell = (db: Queryable, eventId: number) => rows<PersonToTell>(db,
  `SELECT u.id AS "userId", u.email, u.language, r.status FROM event_registrations r JOIN users u ON u.id = r.user_id
    WHERE r.event_id = $1 AND r.status IN ('registered', 'waiting') AND u.status = 'active' ORDER BY r.id`, [eventId]);

export const contactOf = (db: Queryable, userId: number) =>
  one<{ userId: number; email: string; language: 'de' | 'en' }>(db,
    `SELECT id AS "userId", email, language FROM users WHERE id = $1 AND status = 'active'`, [userId]);

/** Marks who attended: the ticked registrations true, every other registered one false. */
export const setAttendance = (db: Db, eventId: number, registrationIds: number[]) => affected(db,
  `UPDATE event_registrations SET attended = (id = ANY($2::int[])), updated_at = now()
    WHERE event_id = $1 AND status = 'registered'`, [eventId, registrationIds]);

/**
 * A deleted member's registrations go. Returns the events where they held a place (locked, in id
 * order so two deletions cannot deadlock), for the caller to give the place to the next in line.
 */
export async function deleteRegistrationsOf(db: Db, userId: number): Promise<LockedEvent[]> {
  const held = await rows<LockedEvent>(db,
    `SELECT e.id, e.capacity, e.cancelled_at AS "cancelledAt" FROM events e
      WHERE e.id IN (SELECT event_id FROM event_registrations WHERE user_id = $1 AND status = 'registered')
      ORDER BY e.id FOR UPDATE`, [userId]);
  await affected(db, `DELETE FROM event_registrations WHERE user_id = $1`, [userId]);
  return held;
}

export interface DueReminder {
  registrationId: number;
  userId: number;
  email: string;
  language: 'de' | 'en';
  eventId: number;
  slug: string;
  title: string;
  eventLanguage: 'de' | 'en';
  startsAt: Date;
  place: string;
  onlineUrl: string;
}

/**
 * Registrations whose event starts within the next 24 hours and that have had no reminder, locked
 * (SKIP LOCKED: two workers never take the same one). Cancelled events and cancelled or waiting
 * registrations are left out.
 */
export const dueReminders = (db: Db, limit: number) => rows<DueReminder>(db,
  `SELECT r.id AS "registrationId", u.id AS "userId", u.email, u.language, e.id AS "eventId", e.slug, e.title,
          e.language AS "eventLanguage", e.starts_at AS "startsAt", e.place, e.online_url AS "onlineUrl"
     FROM event_registrations r JOIN events e ON e.id = r.event_id JOIN users u ON u.id = r.user_id
    WHERE r.status = 'registered' AND r.reminded_at IS NULL AND e.cancelled_at IS NULL AND u.status = 'active'
      AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
    ORDER BY r.id LIMIT $1
    FOR UPDATE OF r SKIP LOCKED`, [limit]);

export const markReminded = (db: Db, ids: number[]) =>
  affected(db, `UPDATE event_registrations SET reminded_at = now() WHERE id = ANY($1::int[]) AND reminded_at IS NULL`, [ids]);
