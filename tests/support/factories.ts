// Factories: each test builds the administrations and people it needs, with unique names, so
// tests never depend on each other or on order. Missing parents are created on the way.
import { randomBytes } from 'node:crypto';
import { afterAll } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/accounts/index.js';
import type { Role } from '../../src/shared/identity.js';

export const PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export const uniq = (prefix = 'x') => `${prefix}${randomBytes(5).toString('hex')}`;

export interface TestAdministration {
  id: number;
  slug: string;
  name: string;
  domain: string;
}

export async function createAdministration(
  ds: DataSource,
  o: Partial<{ name: string; state: string; kind: string; population: number | null; domain: string }> = {},
): Promise<TestAdministration> {
  const slug = uniq('adm-');
  const domain = o.domain ?? `${slug}.example`;
  const [row] = await ds.query(
    `INSERT INTO administrations (slug, name, kind, state, population) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [slug, o.name ?? `Stadt ${slug}`, o.kind ?? 'municipality', o.state ?? 'TH', o.population === undefined ? 25000 : o.population],
  );
  await ds.query(`INSERT INTO administration_domains (domain, administration_id) VALUES ($1, $2)`, [domain, row.id]);
  return { id: row.id, slug, name: o.name ?? `Stadt ${slug}`, domain };
}

export interface TestUser {
  id: number;
  email: string;
  handle: string;
  name: string;
  role: Role;
  password: string;
  administrationId: number | null;
}

export async function createUser(
  ds: DataSource,
  o: Partial<{ role: Role; status: string; administrationId: number | null; email: string; name: string; language: string; totpSecret: string }> = {},
): Promise<TestUser> {
  const handle = uniq('u');
  const administrationId = o.administrationId === undefined ? (await createAdministration(ds)).id : o.administrationId;
  const email = o.email ?? `${handle}@member.example`;
  const role = o.role ?? 'member';
  const name = o.name ?? `Test ${handle}`;
  const [row] = await ds.query(
    `INSERT INTO users (email, handle, name, role, status, administration_id, password_hash, email_confirmed_at, language,
                        totp_secret, totp_enabled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9, CASE WHEN $9::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [email, handle, name, role, o.status ?? 'active', administrationId, await passwordHash(), o.language ?? 'de', o.totpSecret ?? null],
  );
  if (role !== 'member') staffOf(ds).push(row.id);
  return { id: row.id, email, handle, name, role, password: PASSWORD, administrationId };
}

// Facilitators and admins step down when their test file ends. Every review request, flagged comment
// and translation waiting for review notifies each active facilitator and admin (by e-mail, by
// default); on the shared test database, the staff that every earlier file left behind (500 and more
// by the end of a run) turned one test's review request into 500 notifications and 500 e-mails that
// the next file's drain had to send (10–24 s drains in CI, tests/support/app.ts). A file's own staff
// stay what they are for all of its tests; afterwards they are members, so later files notify only
// the facilitators they create themselves (and those of the one file running beside them).
const staff = new Map<string, number[]>();
function staffOf(ds: DataSource): number[] {
  const url = (ds.options as { url?: string }).url ?? '';
  if (!staff.has(url)) staff.set(url, []);
  return staff.get(url)!;
}
afterAll(async () => {
  for (const [url, ids] of staff) {
    if (!url || ids.length === 0) continue;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(`UPDATE users SET role = 'member' WHERE id = ANY($1::int[]) AND role <> 'member'`, [ids]);
    } catch {
      // A database of the file's own (usePrivateDatabase) may already be gone: nothing to step down from.
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  staff.clear();
});
