// The event feed's rows: upcoming events that are not cancelled and that the reader may see (the
// list's rule, events.queries.ts VISIBLE: $1 member id or null, $2 facilitator), newest announced first.
import { rows, type Queryable } from '../../db/sql.js';
import { isFacilitator, type Actor } from '../../shared/identity.js';
import { VISIBLE } from './events.queries.js';

export interface FeedEventRow {
  id: number;
  slug: string;
  title: string;
  descriptionHtml: string;
  format: string;
  place: string;
  startsAt: Date;
  language: string;
  kind: string;
  createdAt: Date;
  updatedAt: Date;
}

export const feedEvents = (db: Queryable, actor: Actor | undefined, limit: number) => rows<FeedEventRow>(db,
  `SELECT e.id, e.slug, e.title, e.description_html AS "descriptionHtml", e.format, e.place, e.starts_at AS "startsAt",
          e.language, e.kind, e.created_at AS "createdAt", greatest(e.created_at, e.updated_at) AS "updatedAt"
     FROM events e
    WHERE ${VISIBLE} AND e.ends_at >= now() AND e.cancelled_at IS NULL
    ORDER BY e.created_at DESC, e.id DESC LIMIT $3`,
  [actor?.id ?? null, isFacilitator(actor), limit]);
