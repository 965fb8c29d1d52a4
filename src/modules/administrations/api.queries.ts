// The JSON API's administration rows (/api/v1/administrations): the list's filters (Land, kind,
// size class, name), by name then id (the keyset of the cursor), with the member count and the
// published use cases the reader may see.
import type { DataSource } from 'typeorm';
import { one, rows } from '../../db/sql.js';
import type { AdministrationProfile } from './administrations.queries.js';

/** The profile's fields (without the sign-in domains, which the API does not show) and two counts. */
export type ApiAdministrationRow = Omit<AdministrationProfile, 'domains'> & {
  memberCount: number;
  useCaseCount: number;
};

export interface ApiAdministrationFilter {
  state?: string[];
  kind?: string[];
  size?: string[];
  q?: string;
}

const COLUMNS = (member: string) => `a.id, a.slug, a.name, a.kind, a.state, a.ags, a.population, a.size_class AS "sizeClass", a.website, a.description,
  (SELECT count(*)::int FROM users u WHERE u.administration_id = a.id AND u.status = 'active') AS "memberCount",
  (SELECT count(*)::int FROM use_cases uc WHERE uc.administration_id = a.id AND uc.published AND (${member}::boolean OR uc.visibility = 'public')) AS "useCaseCount"`;

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function apiAdministrations(ds: DataSource, f: ApiAdministrationFilter, member: boolean, limit: number, after: [string, number] | null): Promise<ApiAdministrationRow[]> {
  const params: unknown[] = [limit, member];
  const where: string[] = ['true'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.state?.length) add('a.state = ANY(?::text[])', f.state);
  if (f.kind?.length) add('a.kind = ANY(?::text[])', f.kind);
  if (f.size?.length) add('a.size_class = ANY(?::text[])', f.size);
  if (f.q) add(`lower(a.name) LIKE ?`, `%${likeEscaped(f.q.toLowerCase())}%`);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(a.name, a.id) > ($${params.length - 1}::text, $${params.length}::int)`);
  }
  return rows<ApiAdministrationRow>(ds,
    `SELECT ${COLUMNS('$2')} FROM administrations a WHERE ${where.join(' AND ')} ORDER BY a.name, a.id LIMIT $1`, params);
}

export const apiAdministration = (ds: DataSource, slug: string, member: boolean) =>
  one<ApiAdministrationRow>(ds, `SELECT ${COLUMNS('$2')} FROM administrations a WHERE a.slug = $1`, [slug, member]);
