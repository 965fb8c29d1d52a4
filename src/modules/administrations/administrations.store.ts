// The uniqueness checks an administration's create and edit run (slug, AGS, e-mail domains),
// inside the write's transaction. Every function takes the transaction's `db`.
import { one, rows, type Db } from '../../db/sql.js';

/** Slugs already taken by `base` or `base-…`. */
export async function slugsLike(db: Db, base: string): Promise<string[]> {
  return (await rows<{ slug: string }>(db, `SELECT slug FROM administrations WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`])).map((t) => t.slug);
}

/** Whether another administration (not `ownId`; 0 for none) has the slug. */
export async function slugTaken(db: Db, slug: string, ownId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM administrations WHERE slug = $1 AND id <> $2`, [slug, ownId]));
}

/** Whether another administration (not `ownId`; 0 for none) has the AGS. */
export async function agsTaken(db: Db, ags: string, ownId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM administrations WHERE ags = $1 AND id <> $2`, [ags, ownId]));
}

/** Whether another administration (not `ownId`; 0 for none) has any of the e-mail domains. */
export async function domainsTaken(db: Db, domains: string[], ownId: number): Promise<boolean> {
  return (await rows(db, `SELECT domain FROM administration_domains WHERE domain = ANY($1) AND administration_id <> $2`, [domains, ownId])).length > 0;
}
