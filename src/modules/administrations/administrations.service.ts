// Writes for administrations (admins only): create and edit, with unique slug, AGS and domains.
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
import * as store from './administrations.store.js';
import type { Db } from '../../db/sql.js';

/** The slug derived from the name, with -2, -3 … when another administration has it. */
export async function derivedSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name, 70);
  const set = new Set(await store.slugsLike(db, base));
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function checkUnique(db: Db, input: AdministrationInput, ownId: number | null): Promise<void> {
  const fields: FieldErrors = {};
  const other = ownId ?? 0;
  // A typed slug that is taken is refused (the admin chose it); a derived one is made unique.
  if (await store.slugTaken(db, input.slug, other)) fields.slug = 'validation.slugTaken';
  if (input.ags) {
    if (await store.agsTaken(db, input.ags, other)) fields.ags = 'validation.agsTaken';
  }
  if (input.domains.length) {
    if (await store.domainsTaken(db, input.domains, other)) fields.domains = 'validation.domainTaken';
  }
  if (Object.keys(fields).length) throw conflict('validation.summary', fields);
}

async function writeDomains(db: Db, administrationId: number, domains: string[]): Promise<void> {
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
