// Reads for events: one event with the viewer's facts (loadEventForViewer, used by the other parts
// of the module too), the listing with its filters and archive years, participants, "my events",
// the calendar feed and the search documents. Visibility is decided in SQL for lists (the same rule
// as eventsPolicy.canSeeEvent) and by the policy for a single event.
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';
import { notFound } from '../../shared/errors.js';
import { isFacilitator, type Actor } from '../../shared/identity.js';
import type { EventFormat, EventKind, EventVisibility, RegistrationStatus } from './event.entity.js';
import { eventsPolicy as policy, type GroupStanding, type ViewerFacts } from './events.policy.js';

export interface EventRow {
  id: number;
  uid: string;
  slug: string;
  title: string;
  kind: EventKind;
  format: EventFormat;
  descriptionSource: string;
  descriptionHtml: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string;
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  visibility: EventVisibility;
  language: 'de' | 'en';
  organiserAdministrationId: number | null;
  organiserName: string | null;
  organiserSlug: string | null;
  organiserState: string | null;
  groupId: number | null;
  groupName: string | null;
  groupSlug: string | null;
  createdById: number | null;
  sequence: number;
  cancelledAt: Date | null;
  cancelReason: string;
  createdAt: Date;
  updatedAt: Date;
  registeredCount: number;
  waitingCount: number;
}

const EVENT_COLUMNS = `
  e.id, e.uid, e.slug, e.title, e.kind, e.format, e.description_source AS "descriptionSource", e.description_html AS "descriptionHtml",
  e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.place, e.online_url AS "onlineUrl", e.capacity,
  e.registration_opens_at AS "registrationOpensAt", e.registration_closes_at AS "registrationClosesAt",
  e.visibility, e.language, e.organiser_administration_id AS "organiserAdministrationId",
  a.name AS "organiserName", a.slug AS "organiserSlug", a.state AS "organiserState",
  e.group_id AS "groupId", g.name AS "groupName", g.slug AS "groupSlug", e.created_by_id AS "createdById",
  e.sequence, e.cancelled_at AS "cancelledAt", e.cancel_reason AS "cancelReason", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered') AS "registeredCount",
  (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting') AS "waitingCount"`;
const EVENT_FROM = `events e
  LEFT JOIN administrations a ON a.id = e.organiser_administration_id
  LEFT JOIN working_groups g ON g.id = e.group_id`;

export const loadEvent = (db: Queryable, id: number) =>
  one<EventRow>(db, `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.id = $1`, [id]);

/** The member's standing in a working group (null: none, or no group). */
export async function groupStanding(db: Queryable, groupId: number | null, userId: number | undefined): Promise<GroupStanding | null> {
  if (!groupId || !userId) return null;
  return one<GroupStanding>(db, `SELECT role, status FROM working_group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
}

export async function viewerFactsOf(db: Queryable, e: Pick<EventRow, 'id' | 'groupId'>, actor: Actor | undefined): Promise<ViewerFacts & { shareEmail: boolean }> {
  if (!actor) return { group: null, registration: null, shareEmail: false };
  const [group, reg] = await Promise.all([
    groupStanding(db, e.groupId, actor.id),
    one<{ status: RegistrationStatus; shareEmail: boolean }>(db,
      `SELECT status, share_email AS "shareEmail" FROM event_registrations WHERE event_id = $1 AND user_id = $2`, [e.id, actor.id]),
  ]);
  return { group, registration: reg?.status ?? null, shareEmail: reg?.shareEmail ?? false };
}

export interface EventForViewer {
  event: EventRow;
  viewer: ViewerFacts & { shareEmail: boolean };
  can: { manage: boolean; seeDetails: boolean; register: boolean };
}

/**
 * One event as `actor` may see it, with what they may do; throws notFound when the event does not
 * exist or the actor may not know it exists (a group-only event for a non-member).
 */
export async function loadEventForViewer(db: Queryable, id: number, actor: Actor | undefined): Promise<EventForViewer> {
  const event = await loadEvent(db, id);
  if (!event) throw notFound();
  const viewer = await viewerFactsOf(db, event, actor);
  if (!policy.canSeeEvent(actor, event, viewer)) throw notFound();
  return {
    event,
    viewer,
    can: {
      manage: policy.canManageEvent(actor, event, viewer),
      seeDetails: policy.canSeeParticipantDetails(actor, event, viewer),
      register: policy.canRegister(actor, event, viewer),
    },
  };
}

/** The SQL condition "the viewer ($1 id or null, $2 facilitator) may see event e". */
export const VISIBLE = `(e.visibility = 'public' OR ($1::int IS NOT NULL AND (e.visibility = 'network' OR $2::boolean
  OR EXISTS (SELECT 1 FROM working_group_members m WHERE m.group_id = e.group_id AND m.user_id = $1 AND m.status = 'active'))))`;

export interface EventFilter {
  kind?: EventKind;
  format?: EventFormat;
  groupId?: number;
  state?: string;
  /** Past events of this year (Berlin time); without it, upcoming and running events. */
  year?: number;
}

const audience = (actor: Actor | undefined) => [actor?.id ?? null, isFacilitator(actor)];

function listWhere(actor: Actor | undefined, f: EventFilter): { where: string; params: unknown[] } {
  const params: unknown[] = audience(actor);
  const where = [VISIBLE];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
  if (f.kind) add('e.kind = ?', f.kind);
  if (f.format) add('e.format = ?', f.format);
  if (f.groupId) add('e.group_id = ?', f.groupId);
  if (f.state) add('a.state = ?', f.state);
  if (f.year) {
    where.push('e.ends_at < now()');
    add(`extract(year FROM e.starts_at AT TIME ZONE 'Europe/Berlin') = ?`, f.year);
  } else {
    where.push('e.ends_at >= now()');
  }
  return { where: where.join(' AND '), params };
}

/** One page of the list: upcoming events soonest first, or a past year's newest first. */
export async function listEvents(db: Queryable, actor: Actor | undefined, f: EventFilter, page: { limit: number; offset: number } = { limit: 30, offset: 0 }): Promise<EventRow[]> {
  const { where, params } = listWhere(actor, f);
  return rows<EventRow>(db,
    `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE ${where}
      ORDER BY e.starts_at ${f.year ? 'DESC' : 'ASC'}, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset]);
}

/** How many events the list holds with these filters (for its pages). */
export async function countEvents(db: Queryable, actor: Actor | undefined, f: EventFilter): Promise<number> {
  const { where, params } = listWhere(actor, f);
  return Number((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${EVENT_FROM} WHERE ${where}`, params))!.n);
}

/** The years with past events the viewer may see, newest first (the archive). */
export async function pastYears(db: Queryable, actor: Actor | undefined): Promise<number[]> {
  const list = await rows<{ year: number }>(db,
    `SELECT DISTINCT extract(year FROM e.starts_at AT TIME ZONE 'Europe/Berlin')::int AS year
       FROM events e WHERE ${VISIBLE} AND e.ends_at < now() ORDER BY year DESC`, audience(actor));
  return list.map((r) => r.year);
}

/** Working groups with events, for the filter. */
export const groupsWithEvents = (db: Queryable) => rows<{ id: number; name: string; language: string }>(db,
  `SELECT g.id, g.name, g.language FROM working_groups g WHERE EXISTS (SELECT 1 FROM events e WHERE e.group_id = g.id) ORDER BY g.name`);

/** The groups an actor may create events for: all for facilitators, else those they lead. */
export const groupChoices = (db: Queryable, actor: Actor) => rows<{ id: number; name: string; language: string }>(db,
  `SELECT g.id, g.name, g.language FROM working_groups g
    WHERE g.archived_at IS NULL AND ($2::boolean OR EXISTS (
      SELECT 1 FROM working_group_members m WHERE m.group_id = g.id AND m.user_id = $1 AND m.status = 'active' AND m.role = 'lead'))
    ORDER BY g.name`, [actor.id, isFacilitator(actor)]);

/** Does the actor lead any working group (may they create an event at all)? */
export async function leadsAnyGroup(db: Queryable, userId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM working_group_members WHERE user_id = $1 AND role = 'lead' AND status = 'active' LIMIT 1`, [userId]));
}

export const administrationChoices = (db: Queryable) =>
  rows<{ id: number; name: string }>(db, `SELECT id, name FROM administrations ORDER BY name`);

export interface ParticipantRow {
  registrationId: number;
  userId: number;
  name: string;
  handle: string;
  email: string;
  shareEmail: boolean;
  administration: string | null;
  status: RegistrationStatus;
  attended: boolean | null;
  createdAt: Date;
}

/** Registered and waiting participants: registered first (by registration time), then the waiting list in order. */
export const participantsOf = (db: Queryable, eventId: number) => rows<ParticipantRow>(db,
  `SELECT r.id AS "registrationId", u.id AS "userId", u.name, u.handle, u.email, r.share_email AS "shareEmail",
          a.name AS administration, r.status, r.attended, r.created_at AS "createdAt"
     FROM event_registrations r JOIN users u ON u.id = r.user_id LEFT JOIN administrations a ON a.id = u.administration_id
    WHERE r.event_id = $1 AND r.status IN ('registered', 'waiting')
    ORDER BY (r.status = 'waiting'), r.waiting_since NULLS FIRST, r.created_at, r.id`, [eventId]);

export interface MyEventRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  startsAt: Date;
  status: RegistrationStatus;
  cancelled: boolean;
}

/** The member's registrations (not cancelled ones): upcoming first, then the latest past ones. */
export const myEvents = (db: Queryable, userId: number) => preparedQuery<MyEventRow>(db, 'events-my-events',
  `SELECT e.id, e.slug, e.title, e.language, e.starts_at AS "startsAt", r.status, e.cancelled_at IS NOT NULL AS cancelled
     FROM event_registrations r JOIN events e ON e.id = r.event_id
    WHERE r.user_id = $1 AND r.status IN ('registered', 'waiting')
    ORDER BY (e.ends_at < now()), CASE WHEN e.ends_at >= now() THEN e.starts_at END ASC, e.starts_at DESC
    LIMIT 50`, [userId]);

/** The member behind a calendar-feed token digest, or null (unknown or revoked). */
export async function feedOwner(db: Queryable, tokenHash: string): Promise<number | null> {
  const row = await one<{ userId: number }>(db,
    `SELECT f.user_id AS "userId" FROM calendar_feeds f JOIN users u ON u.id = f.user_id
      WHERE f.token_hash = $1 AND u.status = 'active'`, [tokenHash]);
  return row?.userId ?? null;
}

export const feedCreatedAt = async (db: Queryable, userId: number): Promise<Date | null> =>
  (await one<{ createdAt: Date }>(db, `SELECT created_at AS "createdAt" FROM calendar_feeds WHERE user_id = $1`, [userId]))?.createdAt ?? null;

/** The events of a member's feed: those they are registered or waiting for (the last year and everything ahead). */
export const feedEvents = (db: Queryable, userId: number) => rows<EventRow & { status: RegistrationStatus }>(db,
  `SELECT ${EVENT_COLUMNS}, r.status FROM ${EVENT_FROM} JOIN event_registrations r ON r.event_id = e.id
    WHERE r.user_id = $1 AND r.status IN ('registered', 'waiting') AND e.ends_at > now() - interval '1 year'
    ORDER BY e.starts_at`, [userId]);

/** Events for the search index: public and network ones (group-only events are never indexed). */
export const searchableEvents = (db: Queryable, ids: number[]) => rows<EventRow>(db,
  `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.id = ANY($1::int[]) AND e.visibility IN ('public', 'network')`, [ids]);

/** The event with this iCalendar UID, or null. */
export const eventIdByUid = async (db: Queryable, uid: string): Promise<number | null> =>
  (await one<{ id: number }>(db, `SELECT id FROM events WHERE uid = $1`, [uid]))?.id ?? null;
