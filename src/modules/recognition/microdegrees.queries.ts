// Reads for micro-degrees: the definitions, and what a member has towards them (facts that hold,
// badges not revoked, micro-degrees granted) in one bounded query each.
import { In } from 'typeorm';
import { one, rows, type Queryable } from '../../db/sql.js';
import type { Db } from '../../db/transaction.js';
import { Course } from '../academy/index.js';
import type { BadgeHoldings, FactSummary } from './microdegrees.model.js';
import type { MicrodegreeValues } from './microdegrees.store.js';

/** A stored micro-degree: the values its form writes, and what the table adds. */
export interface MicrodegreeRow extends MicrodegreeValues {
  id: number;
  slug: string;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLS = `id, slug, title, language, description_source AS "descriptionSource", description_html AS "descriptionHtml", competences,
              requirements, archived_at AS "archivedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function microdegreeBySlug(db: Queryable, slug: string): Promise<MicrodegreeRow | null> {
  return one<MicrodegreeRow>(db, `SELECT ${COLS} FROM recognition_microdegrees WHERE slug = $1`, [slug]);
}

/** Active micro-degrees (or all, archived last), by title. */
export async function listMicrodegrees(db: Queryable, o: { archived: boolean }): Promise<MicrodegreeRow[]> {
  return rows<MicrodegreeRow>(db,
    `SELECT ${COLS} FROM recognition_microdegrees ${o.archived ? '' : 'WHERE archived_at IS NULL'}
      ORDER BY archived_at IS NOT NULL, lower(title), id`);
}

/** Title, language and competence areas by slug (archived ones too), for lists of grants (profile, Kompetenzpass, assertions). */
export async function microdegreeSummaries(db: Queryable, slugs: string[]): Promise<Map<string, { title: string; language: 'de' | 'en'; competences: string[] }>> {
  if (!slugs.length) return new Map();
  const list = await rows<{ slug: string; title: string; language: 'de' | 'en'; competences: string[] }>(db,
    `SELECT slug, title, language, competences FROM recognition_microdegrees WHERE slug = ANY($1::text[])`, [slugs]);
  return new Map(list.map((r) => [r.slug, { title: r.title, language: r.language, competences: r.competences }]));
}

/** Holders per micro-degree (assertions not revoked), for the facilitators' list. */
export async function holderCounts(db: Queryable): Promise<Map<string, number>> {
  const list = await rows<{ class_key: string; n: number }>(db,
    `SELECT class_key, count(*)::int AS n FROM recognition_assertions WHERE kind = 'microdegree' AND revoked_at IS NULL AND user_id IS NOT NULL GROUP BY class_key`);
  return new Map(list.map((r) => [r.class_key, r.n]));
}

/**
 * The member's facts that hold, by kind: how many, and the first `limit` of each kind (oldest
 * first); certificates all (a requirement may name the courses). Only the kinds asked for.
 */
export async function factSummaryOf(db: Queryable, userId: number, kinds: string[], limit: number): Promise<FactSummary> {
  const summary: FactSummary = new Map();
  if (!kinds.length) return summary;
  const list = await rows<{ kind: string; item_id: string; title: string; url: string; n: number }>(db,
    `SELECT kind, item_id, title, url, n FROM (
       SELECT kind, item_id, title, url, count(*) OVER (PARTITION BY kind)::int AS n,
              row_number() OVER (PARTITION BY kind ORDER BY began_at, fact) AS rn
         FROM recognition_facts WHERE user_id = $1 AND holds AND kind = ANY($2::text[])) f
      WHERE rn <= $3 OR kind = 'academy.certificate'
      ORDER BY kind, rn`,
    [userId, kinds, limit]);
  for (const r of list) {
    const entry = summary.get(r.kind) ?? { count: r.n, items: [] };
    entry.items.push({ itemId: r.item_id, title: r.title, url: r.url });
    summary.set(r.kind, entry);
  }
  return summary;
}

export async function badgesOf(db: Queryable, userId: number): Promise<BadgeHoldings> {
  const list = await rows<{ id: string; class_key: string }>(db,
    `SELECT id, class_key FROM recognition_assertions WHERE user_id = $1 AND kind = 'badge' AND revoked_at IS NULL ORDER BY granted_at`, [userId]);
  return new Map(list.map((r) => [r.class_key, r.id]));
}

export interface MicrodegreeGrant {
  id: string;
  grantedAt: Date;
  revokedAt: Date | null;
}

/** The member's micro-degree assertions (revoked ones too: they are not granted again), by slug. */
export async function grantsOf(db: Queryable, userId: number): Promise<Map<string, MicrodegreeGrant>> {
  const list = await rows<{ id: string; class_key: string; granted_at: Date; revoked_at: Date | null }>(db,
    `SELECT id, class_key, granted_at, revoked_at FROM recognition_assertions WHERE user_id = $1 AND kind = 'microdegree'`, [userId]);
  return new Map(list.map((r) => [r.class_key, { id: r.id, grantedAt: r.granted_at, revokedAt: r.revoked_at }]));
}

/** Titles of academy courses by slug (those that exist). */
export async function courseTitles(db: Db | import('typeorm').DataSource, slugs: string[]): Promise<Map<string, { title: string; language: string }>> {
  if (!slugs.length) return new Map();
  const list = await db.getRepository(Course).find({ where: { slug: In(slugs) }, select: { slug: true, title: true, language: true } });
  return new Map(list.map((c) => [c.slug, { title: c.title, language: c.language }]));
}

/** Members who may be close to the micro-degree: active, with a fact of one of the kinds or one of the badges. */
export async function candidatesFor(db: Queryable, kinds: string[], badgeKeys: string[]): Promise<number[]> {
  const list = await rows<{ user_id: number }>(db,
    `SELECT DISTINCT c.user_id FROM (
       SELECT user_id FROM recognition_facts WHERE holds AND kind = ANY($1::text[])
       UNION SELECT user_id FROM recognition_assertions WHERE kind = 'badge' AND revoked_at IS NULL AND class_key = ANY($2::text[]) AND user_id IS NOT NULL) c
       JOIN users u ON u.id = c.user_id AND u.status = 'active'
      ORDER BY c.user_id`,
    [kinds, badgeKeys]);
  return list.map((r) => r.user_id);
}

/** The privacy download: micro-degrees the member defined. */
export async function microdegreesCreatedBy(db: Queryable, userId: number): Promise<unknown[]> {
  return rows(db, `SELECT slug, title, created_at AS "createdAt" FROM recognition_microdegrees WHERE created_by = $1 ORDER BY created_at`, [userId]);
}
