// The events module's rows about one member, for the privacy download and account deletion.
import { affected, rows, type Queryable } from '../../db/sql.js';

export const registrationsOf = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, e.starts_at AS "startsAt", r.status, r.attended, r.share_email AS "shareEmail",
          r.created_at AS "createdAt", r.updated_at AS "updatedAt"
     FROM event_registrations r JOIN events e ON e.id = r.event_id
    WHERE r.user_id = $1 ORDER BY e.starts_at`, [userId]);

export const eventsCreatedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT title, starts_at AS "startsAt", created_at AS "createdAt" FROM events WHERE created_by_id = $1 ORDER BY id`, [userId]);

export const groupMembershipsOf = (db: Queryable, userId: number) => rows(db,
  `SELECT g.name AS "group", m.role, m.status, m.created_at AS "createdAt"
     FROM working_group_members m JOIN working_groups g ON g.id = m.group_id
    WHERE m.user_id = $1 ORDER BY g.name`, [userId]);

export const membershipDecisionsBy = (db: Queryable, userId: number) => rows(db,
  `SELECT g.name AS "group", m.status, m.updated_at AS "decidedAt"
     FROM working_group_members m JOIN working_groups g ON g.id = m.group_id
    WHERE m.decided_by_id = $1 ORDER BY g.name`, [userId]);

export const groupsCreatedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT name, created_at AS "createdAt" FROM working_groups WHERE created_by_id = $1 ORDER BY id`, [userId]);

/** Who created or decided is not kept for a deleted member; the events and groups stay. */
export async function forgetAuthorship(db: Queryable, userId: number): Promise<void> {
  await affected(db, `UPDATE events SET created_by_id = NULL WHERE created_by_id = $1`, [userId]);
  await affected(db, `UPDATE working_groups SET created_by_id = NULL WHERE created_by_id = $1`, [userId]);
  await affected(db, `UPDATE working_group_members SET decided_by_id = NULL WHERE decided_by_id = $1`, [userId]);
}

export const deleteMembershipsOf = (db: Queryable, userId: number) =>
  affected(db, `DELETE FROM working_group_members WHERE user_id = $1`, [userId]);

/** Only that a feed exists and since when: the token itself is never stored. */
export const calendarFeedOf = (db: Queryable, userId: number) => rows(db,
  `SELECT created_at AS "createdAt" FROM calendar_feeds WHERE user_id = $1`, [userId]);

export const deleteCalendarFeedOf = (db: Queryable, userId: number) =>
  affected(db, `DELETE FROM calendar_feeds WHERE user_id = $1`, [userId]);

/**
 * Groups whose only lead is the member being deleted get a new lead: the longest-standing active
 * member. Returns who was appointed, for their notification.
 */
export const appointSuccessorLeads = (db: Queryable, userId: number) => rows<{ groupId: number; userId: number; name: string; slug: string; language: string }>(db,
  `WITH orphaned AS (
     SELECT m.group_id FROM working_group_members m
      WHERE m.user_id = $1 AND m.role = 'lead' AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM working_group_members o
                         WHERE o.group_id = m.group_id AND o.user_id <> $1 AND o.role = 'lead' AND o.status = 'active')
   ), successor AS (
     SELECT DISTINCT ON (o.group_id) o.group_id, o.user_id FROM working_group_members o JOIN orphaned USING (group_id)
      WHERE o.user_id <> $1 AND o.status = 'active' ORDER BY o.group_id, o.created_at, o.user_id
   )
   UPDATE working_group_members w SET role = 'lead', updated_at = now()
     FROM successor s JOIN working_groups g ON g.id = s.group_id
    WHERE w.group_id = s.group_id AND w.user_id = s.user_id
   RETURNING w.group_id AS "groupId", w.user_id AS "userId", g.name, g.slug, g.language`, [userId]);
