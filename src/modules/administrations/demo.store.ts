// The SQL of the demo administrations (administrations.demo.ts): upserted by slug, domains by name.
import { one, rows, type Db } from '../../db/sql.js';

/** Inserts or updates the administration by slug; returns its id. */
export async function upsertDemoAdministration(
  db: Db, a: { slug: string; name: string; kind: string; state: string; ags: string | null; population: number | null; website: string | null; description: string },
): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO administrations (slug, name, kind, state, ags, population, website, description)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, state = EXCLUDED.state,
       ags = EXCLUDED.ags, population = EXCLUDED.population, website = EXCLUDED.website, description = EXCLUDED.description
     RETURNING id`,
    [a.slug, a.name, a.kind, a.state, a.ags, a.population, a.website, a.description],
  );
  return row!.id;
}

/** The e-mail domain belongs to the administration (moved over when another had it). */
export async function assignDemoDomain(db: Db, domain: string, administrationId: number): Promise<void> {
  await rows(db,
    `INSERT INTO administration_domains (domain, administration_id) VALUES ($1, $2)
     ON CONFLICT (domain) DO UPDATE SET administration_id = EXCLUDED.administration_id`,
    [domain, administrationId],
  );
}
