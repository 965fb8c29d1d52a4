// The JSON API's event rows (/api/v1/events): events the reader may see (VISIBLE: $1 member id or
// null, $2 facilitator — public ones for visitors), from a day on (by default those not over yet),
// soonest first, paged by (starts_at, id). Cancelled events stay in, marked, so calendars learn of it.
import { one, rows, type Queryable } from '../../db/sql.js';
import { isFacilitator, type Actor } from '../../shared/identity.js';
import { VISIBLE } from './events.queries.js';

export interface ApiEventRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  format: string;
  language: string;
  visibility: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  cancelledAt: Date | null;
  adminSlug: string | null;
  adminName: string | null;
  descriptionHtml: string;
  updatedAt: Date;
  cursorAt: string;
}

export interface ApiEventFilter {
  kind?: string[];
  format?: string[];
  state?: string[];
  administration?: string;
  /** YYYY-MM-DD (Berlin): events not over before that day; without it, events not over now. */
  from?: string;
  /** YYYY-MM-DD (Berlin): events starting on or before that day. */
  to?: string;
}

const COLUMNS = `e.id, e.slug, e.title, e.kind, e.format, e.language, e.visibility, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.place,
  e.capacity, e.registration_opens_at AS "registrationOpensAt", e.registration_closes_at AS "registrationClosesAt", e.cancelled_at AS "cancelledAt",
  a.slug AS "adminSlug", a.name AS "adminName", e.description_html AS "descriptionHtml", greatest(e.created_at, e.updated_at) AS "updatedAt",
  to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

const FROM = 'events e LEFT JOIN administrations a ON a.id = e.organiser_administration_id';

export function apiEvents(db: Queryable, actor: Actor | undefined, f: ApiEventFilter, limit: number, after: [string, number] | null): Promise<ApiEventRow[]> {
  const params: unknown[] = [actor?.id ?? null, isFacilitator(actor), limit];
  const where = [VISIBLE];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replaceAll('?', `$${params.length}`)); };
  if (f.kind?.length) add('e.kind = ANY(?::text[])', f.kind);
  if (f.format?.length) add('e.format = ANY(?::text[])', f.format);
  if (f.state?.length) add('a.state = ANY(?::text[])', f.state);
  if (f.administration) add('a.slug = ?', f.administration);
  if (f.from) add(`e.ends_at >= (?::date)::timestamp AT TIME ZONE 'Europe/Berlin'`, f.from);
  else where.push('e.ends_at >= now()');
  if (f.to) add(`e.starts_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Europe/Berlin'`, f.to);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(e.starts_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::int)`);
  }
  return rows<ApiEventRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.id LIMIT $3`, params);
}

export const apiEvent = (db: Queryable, actor: Actor | undefined, id: number) => one<ApiEventRow>(db,
  `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $3 AND ${VISIBLE}`, [actor?.id ?? null, isFacilitator(actor), id]);
