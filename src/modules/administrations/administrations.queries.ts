// Reads for administrations: the filterable list and the profile page.
import type { DataSource } from 'typeorm';
import type { Page } from '../../shared/pagination.js';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';
import type { SimilarityRef } from './similarity.js';

export interface AdministrationFilter {
  state?: string;
  kind?: string;
  size?: string;
  q?: string;
}

export interface AdministrationRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  state: string;
  population: number | null;
  sizeClass: string | null;
  memberCount: number;
}

export async function listAdministrations(ds: DataSource, f: AdministrationFilter, page: Page): Promise<{ rows: AdministrationRow[]; total: number }> {
  const params: unknown[] = [page.limit, page.offset];
  const where: string[] = ['true'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.state) add('a.state = ?', f.state);
  if (f.kind) add('a.kind = ?', f.kind);
  if (f.size) add('a.size_class = ?', f.size);
  if (f.q) add('lower(a.name) LIKE ?', `%${f.q.toLowerCase()}%`);
  const list = await rows<AdministrationRow & { total: string }>(ds,
    `SELECT a.id, a.slug, a.name, a.kind, a.state, a.population, a.size_class AS "sizeClass",
            (SELECT count(*)::int FROM users u WHERE u.administration_id = a.id AND u.status = 'active') AS "memberCount",
            count(*) OVER () AS total
       FROM administrations a WHERE ${where.join(' AND ')}
      ORDER BY a.name LIMIT $1 OFFSET $2`,
    params,
  );
  return { rows: list, total: list.length ? Number(list[0]!.total) : 0 };
}

export interface AdministrationProfile {
  id: number;
  slug: string;
  name: string;
  kind: string;
  state: string;
  ags: string | null;
  population: number | null;
  sizeClass: string | null;
  website: string | null;
  description: string;
  domains: string[];
}

export async function findAdministration(ds: DataSource, slug: string): Promise<AdministrationProfile | null> {
  const [row] = await preparedQuery<AdministrationProfile>(ds, 'administrations-by-slug',
    `SELECT a.id, a.slug, a.name, a.kind, a.state, a.ags, a.population, a.size_class AS "sizeClass", a.website, a.description,
            coalesce(array(SELECT d.domain FROM administration_domains d WHERE d.administration_id = a.id ORDER BY d.domain), '{}') AS domains
       FROM administrations a WHERE a.slug = $1`,
    [slug],
  );
  return row ?? null;
}

export async function listMembers(ds: DataSource, administrationId: number): Promise<{ handle: string; name: string; jobTitle: string; role: string }[]> {
  return preparedQuery(ds, 'administrations-members',
    `SELECT handle, name, job_title AS "jobTitle", role FROM users
      WHERE administration_id = $1 AND status = 'active' ORDER BY name`,
    [administrationId],
  );
}

/** An administration as the reference of "municipalities like mine": what the score compares, and its name. */
export interface ReferenceAdministration extends SimilarityRef {
  id: number;
  slug: string;
  name: string;
}

/** The reference for "like mine" by id or slug; null when there is no such administration. */
export async function findReference(ds: Queryable, by: { id: number } | { slug: string }): Promise<ReferenceAdministration | null> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['slug', by.slug];
  return one<ReferenceAdministration>(ds,
    `SELECT id, slug, name, kind, population, state FROM administrations WHERE ${column} = $1`, [value]);
}

/** {kind, population, state} of an administration, the reference the similarity score needs; null when unknown. */
export async function referenceOf(ds: Queryable, administrationId: number | null | undefined): Promise<SimilarityRef | null> {
  if (!administrationId) return null;
  const r = await findReference(ds, { id: administrationId });
  return r && { kind: r.kind, population: r.population, state: r.state };
}

/**
 * The reference for "like mine" by a typed name: the administration of exactly that name (any case),
 * else the only one whose name starts with it, else the only one whose name contains it; otherwise null and up to `limit` administrations whose
 * name contains it, as suggestions. Two statements at most, each on at most `limit` + 1 rows — a
 * list of every administration (2,000 in a network) is never loaded for the picker.
 */
export async function referenceByName(ds: Queryable, name: string, limit = 8): Promise<{ found: ReferenceAdministration | null; suggestions: { slug: string; name: string }[] }> {
  const text = name.trim().slice(0, 200);
  if (!text) return { found: null, suggestions: [] };
  const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const matches = await rows<ReferenceAdministration & { exact: boolean; prefix: boolean }>(ds,
    `SELECT id, slug, name, kind, population, state, lower(name) = lower($1) AS exact, name ILIKE $2 || '%' AS prefix
       FROM administrations WHERE name ILIKE '%' || $2 || '%'
      ORDER BY lower(name) = lower($1) DESC, name ILIKE $2 || '%' DESC, name, slug LIMIT $3`, [text, like, limit + 1]);
  const exact = matches.filter((m) => m.exact);
  const prefixed = matches.filter((m) => m.prefix);
  // An exact name, else the only one starting with it, else the only one containing it ("Potsdam"
  // for "Landeshauptstadt Potsdam").
  const found = exact[0] ?? (prefixed.length === 1 ? prefixed[0]! : null) ?? (matches.length === 1 ? matches[0]! : null);
  if (found) return { found: { id: found.id, slug: found.slug, name: found.name, kind: found.kind, population: found.population, state: found.state }, suggestions: [] };
  return { found: null, suggestions: matches.slice(0, limit).map((m) => ({ slug: m.slug, name: m.name })) };
}
