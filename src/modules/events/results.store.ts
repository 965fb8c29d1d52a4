// After the event: the SQL of the minutes (with revisions), the event's files and its outcome links,
// and the facts the policy needs (the event row, the viewer's group standing and registration),
// read here so this part does not wait for the events core.
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';
import type { EventFacts } from './events.policy.js';
import { EventAttachment, EventMinutesRevision, type MinutesStatus, type OutcomeKind } from './results.entity.js';

export interface ResultsEvent extends EventFacts {
  id: number;
  slug: string;
  title: string;
  language: 'de' | 'en';
  groupId: number | null;
  startsAt: Date;
}

const EVENT_COLUMNS = `e.id, e.slug, e.title, e.language, e.visibility, e.created_by_id AS "createdById", e.cancelled_at AS "cancelledAt",
  e.group_id AS "groupId", e.starts_at AS "startsAt"`;

export const loadEvent = (db: Queryable, id: number) =>
  one<ResultsEvent>(db, `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [id]);

/** The event row locked for a write of its results (minutes, files, links are serialised per event). */
export const lockEvent = (db: Queryable, id: number) =>
  one<ResultsEvent>(db, `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1 FOR UPDATE`, [id]);


// ---- minutes ----

export interface MinutesRow {
  bodySource: string;
  bodyHtml: string;
  version: number;
  status: MinutesStatus;
  updatedAt: Date;
  updatedByName: string | null;
}

export const minutesOf = (db: Queryable, eventId: number, lock = false) => one<MinutesRow>(db,
  `SELECT m.body_source AS "bodySource", m.body_html AS "bodyHtml", m.version, m.status, m.updated_at AS "updatedAt",
          CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "updatedByName"
     FROM event_minutes m LEFT JOIN users u ON u.id = m.updated_by_id
    WHERE m.event_id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [eventId]);

/** The first save; false when another one came first (the caller reports a conflict). */
export async function insertMinutes(db: Db, m: { eventId: number; source: string; html: string; status: MinutesStatus; userId: number }): Promise<boolean> {
  const inserted = await rows(db,
    `INSERT INTO event_minutes (event_id, body_source, body_html, version, status, updated_by_id) VALUES ($1, $2, $3, 1, $4, $5)
     ON CONFLICT (event_id) DO NOTHING RETURNING event_id`, [m.eventId, m.source, m.html, m.status, m.userId]);
  return inserted.length === 1;
}

/** Saves version `version` + 1 if `version` is still the current one; false otherwise. */
export async function updateMinutes(db: Db, m: { eventId: number; version: number; source: string; html: string; status: MinutesStatus; userId: number }): Promise<boolean> {
  return (await affected(db,
    `UPDATE event_minutes SET body_source = $3, body_html = $4, status = $5, updated_by_id = $6, version = version + 1, updated_at = now()
      WHERE event_id = $1 AND version = $2`, [m.eventId, m.version, m.source, m.html, m.status, m.userId])) === 1;
}

export async function insertRevision(db: Db, r: { eventId: number; version: number; source: string; authorId: number }): Promise<void> {
  await db.insert(EventMinutesRevision, { eventId: r.eventId, version: r.version, bodySource: r.source, authorId: r.authorId });
}

export interface RevisionRow {
  version: number;
  bodySource: string;
  createdAt: Date;
  authorName: string | null;
}

export const revisionsOf = (db: Queryable, eventId: number) => rows<Omit<RevisionRow, 'bodySource'>>(db,
  `SELECT r.version, r.created_at AS "createdAt", CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName"
     FROM event_minutes_revisions r LEFT JOIN users u ON u.id = r.author_id
    WHERE r.event_id = $1 ORDER BY r.version DESC`, [eventId]);

export const revisionOf = (db: Queryable, eventId: number, version: number) => one<RevisionRow>(db,
  `SELECT r.version, r.body_source AS "bodySource", r.created_at AS "createdAt", CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName"
     FROM event_minutes_revisions r LEFT JOIN users u ON u.id = r.author_id
    WHERE r.event_id = $1 AND r.version = $2`, [eventId, version]);

// ---- attachments ----

export interface AttachmentRow {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  description: string;
  createdAt: Date;
}

export async function insertAttachment(db: Db, a: { eventId: number; key: string; filename: string; contentType: string; sizeBytes: number; description: string; uploadedById: number }): Promise<number> {
  const inserted = await db.insert(EventAttachment, {
    eventId: a.eventId, storageKey: a.key, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes,
    description: a.description, uploadedById: a.uploadedById,
  });
  return inserted.identifiers[0]!.id as number;
}

export const attachmentsOf = (db: Queryable, eventId: number) => rows<AttachmentRow>(db,
  `SELECT id, filename, content_type AS "contentType", size_bytes AS "sizeBytes", description, created_at AS "createdAt"
     FROM event_attachments WHERE event_id = $1 ORDER BY created_at, id`, [eventId]);

export const findAttachment = (db: Queryable, eventId: number, id: number) =>
  one<{ key: string; filename: string; contentType: string }>(db,
    `SELECT storage_key AS "key", filename, content_type AS "contentType" FROM event_attachments WHERE id = $1 AND event_id = $2`, [id, eventId]);

/** Deletes the event's file row; returns its storage key and name, or null when there was none. */
export const deleteAttachmentRow = (db: Queryable, eventId: number, id: number) =>
  one<{ key: string; filename: string }>(db,
    `DELETE FROM event_attachments WHERE id = $1 AND event_id = $2 RETURNING storage_key AS "key", filename`, [id, eventId]);

// ---- outcome links ----

export async function insertOutcome(db: Queryable, o: { eventId: number; kind: OutcomeKind; targetId: number; addedById: number }): Promise<boolean> {
  return (await rows(db,
    `INSERT INTO event_outcomes (event_id, kind, target_id, added_by_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING event_id`, [o.eventId, o.kind, o.targetId, o.addedById])).length === 1;
}

export const deleteOutcome = (db: Queryable, eventId: number, kind: OutcomeKind, targetId: number) =>
  affected(db, `DELETE FROM event_outcomes WHERE event_id = $1 AND kind = $2 AND target_id = $3`, [eventId, kind, targetId]);

export const outcomesOf = (db: Queryable, eventId: number) => rows<{ kind: OutcomeKind; targetId: number }>(db,
  `SELECT kind, target_id AS "targetId" FROM event_outcomes WHERE event_id = $1 ORDER BY created_at, kind, target_id`, [eventId]);

// ---- privacy ----

export const minutesEditedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, m.status, m.version, m.updated_at AS "updatedAt"
     FROM event_minutes m JOIN events e ON e.id = m.event_id WHERE m.updated_by_id = $1 ORDER BY m.event_id`, [userId]);

export const minutesRevisionsBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, r.version, r.body_source AS "bodySource", r.created_at AS "createdAt"
     FROM event_minutes_revisions r JOIN events e ON e.id = r.event_id WHERE r.author_id = $1 ORDER BY r.id`, [userId]);

export const attachmentsUploadedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, a.filename, a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.description, a.created_at AS "createdAt"
     FROM event_attachments a JOIN events e ON e.id = a.event_id WHERE a.uploaded_by_id = $1 ORDER BY a.id`, [userId]);

export const outcomesAddedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, o.kind, o.target_id AS "targetId", o.created_at AS "createdAt"
     FROM event_outcomes o JOIN events e ON e.id = o.event_id WHERE o.added_by_id = $1 ORDER BY o.created_at`, [userId]);

/**
 * The minutes, their revisions, the files and the links are the event's record: they stay, without
 * the deleted member's name.
 */
export async function forgetResultsAuthorship(db: Queryable, userId: number): Promise<void> {
  await affected(db, `UPDATE event_minutes SET updated_by_id = NULL WHERE updated_by_id = $1`, [userId]);
  await affected(db, `UPDATE event_minutes_revisions SET author_id = NULL WHERE author_id = $1`, [userId]);
  await affected(db, `UPDATE event_attachments SET uploaded_by_id = NULL WHERE uploaded_by_id = $1`, [userId]);
  await affected(db, `UPDATE event_outcomes SET added_by_id = NULL WHERE added_by_id = $1`, [userId]);
}
