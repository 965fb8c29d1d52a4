// Writes for administrations (admins only): create and edit, with unique slug, AGS and domains.
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, notFound, type FieldErrors } from '../../shared/errors.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import type { Actor } from '../../shared/identity.js';
import { AdministrationDomain } from './administration-domain.entity.js';
import { Administration } from './administration.entity.js';
import { administrationsPolicy } from './administrations.policy.js';
import type { AdministrationInput } from './administrations.schemas.js';

/** The slug derived from the name, with -2, -3 … when another administration has it. */
export async function derivedSlug(db: EntityManager, name: string): Promise<string> {
  const base = slugify(name, 70);
  const taken: { slug: string }[] = await db.query(`SELECT slug FROM administrations WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`]);
  const set = new Set(taken.map((t) => t.slug));
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function checkUnique(db: EntityManager, input: AdministrationInput, ownId: number | null): Promise<void> {
  const fields: FieldErrors = {};
  const other = ownId ?? 0;
  // A typed slug that is taken is refused (the admin chose it); a derived one is made unique.
  const [slug] = await db.query(`SELECT 1 FROM administrations WHERE slug = $1 AND id <> $2`, [input.slug, other]);
  if (slug) fields.slug = 'validation.slugTaken';
  if (input.ags) {
    const [ags] = await db.query(`SELECT 1 FROM administrations WHERE ags = $1 AND id <> $2`, [input.ags, other]);
    if (ags) fields.ags = 'validation.agsTaken';
  }
  if (input.domains.length) {
    const taken = await db.query(
      `SELECT domain FROM administration_domains WHERE domain = ANY($1) AND administration_id <> $2`, [input.domains, other]);
    if (taken.length) fields.domains = 'validation.domainTaken';
  }
  if (Object.keys(fields).length) throw conflict('validation.summary', fields);
}

async function writeDomains(db: EntityManager, administrationId: number, domains: string[]): Promise<void> {
  await db.delete(AdministrationDomain, { administrationId });
  if (domains.length) await db.insert(AdministrationDomain, domains.map((domain) => ({ domain, administrationId })));
}

export async function createAdministration(ctx: AppContext, actor: Actor | undefined, input: AdministrationInput): Promise<string> {
  if (!administrationsPolicy.canManage(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const slug = input.slug || (await derivedSlug(db, input.name));
    await checkUnique(db, { ...input, slug }, null);
    const { domains, ...fields } = input;
    const res = await db.insert(Administration, { ...fields, slug });
    const id = res.identifiers[0]!.id as number;
    await writeDomains(db, id, domains);
    await recordAudit(db, { actorId: actor!.id, action: 'administration.created', subjectType: 'administration', subjectId: id, details: { name: input.name } });
    return slug;
  });
}

export async function updateAdministration(ctx: AppContext, actor: Actor | undefined, slug: string, input: AdministrationInput): Promise<string> {
  if (!administrationsPolicy.canManage(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const existing = await db.findOne(Administration, { where: { slug }, lock: { mode: 'pessimistic_write' } });
    if (!existing) throw notFound();
    const newSlug = input.slug || existing.slug; // emptied: the address stays as it was
    await checkUnique(db, { ...input, slug: newSlug }, existing.id);
    const { domains, ...fields } = input;
    await db.update(Administration, { id: existing.id }, { ...fields, slug: newSlug });
    await writeDomains(db, existing.id, domains);
    await recordAudit(db, { actorId: actor!.id, action: 'administration.updated', subjectType: 'administration', subjectId: existing.id });
    return newSlug;
  });
}
