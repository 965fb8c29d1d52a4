// The uniqueness checks an administration's create and edit run (slug, AGS, e-mail domains),
// inside the write's transaction. Every function takes the transaction's `db`.
import { Like, Not } from 'typeorm';
import { rows, type Db } from '../../db/sql.js';
import { Administration } from './administration.entity.js';

/** Slugs already taken by `base` or `base-…`. */
export async function slugsLike(db: Db, base: string): Promise<string[]> {
  return (await db.find(Administration, { select: { id: true, slug: true }, where: [{ slug: base }, { slug: Like(`${base}-%`) }] })).map((t) => t.slug);
}

/** Whether another administration (not `ownId`; 0 for none) has the slug. */
export async function slugTaken(db: Db, slug: string, ownId: number): Promise<boolean> {
  return db.existsBy(Administration, { slug, id: Not(ownId) });
}

/** Whether another administration (not `ownId`; 0 for none) has the AGS. */
export async function agsTaken(db: Db, ags: string, ownId: number): Promise<boolean> {
  return db.existsBy(Administration, { ags, id: Not(ownId) });
}

/** Whether another administration (not `ownId`; 0 for none) has any of the e-mail domains. */
export async function domainsTaken(db: Db, domains: string[], ownId: number): Promise<boolean> {
  return (await rows(db, `SELECT domain FROM administration_domains WHERE domain = ANY($1) AND administration_id <> $2`, [domains, ownId])).length > 0;
}
