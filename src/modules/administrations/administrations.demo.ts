// Demo administrations from content/demo/administrations.yml (upserted by slug).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { administrationSchema } from './administrations.schemas.js';

export async function loadDemoAdministrations(ctx: AppContext): Promise<void> {
  const file = path.join(contentDir, 'demo', 'administrations.yml');
  const list = parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  await inTransaction(ctx.ds, async (db) => {
    for (const raw of list) {
      const a = administrationSchema.parse({
        ...raw,
        ags: String(raw.ags ?? ''),
        population: String(raw.population ?? ''),
        website: String(raw.website ?? ''),
        domains: ((raw.domains as string[] | undefined) ?? []).join(' '),
      });
      const [row] = await db.query(
        `INSERT INTO administrations (slug, name, kind, state, ags, population, website, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, state = EXCLUDED.state,
           ags = EXCLUDED.ags, population = EXCLUDED.population, website = EXCLUDED.website, description = EXCLUDED.description
         RETURNING id`,
        [a.slug, a.name, a.kind, a.state, a.ags, a.population, a.website, a.description],
      );
      for (const domain of a.domains) {
        await db.query(
          `INSERT INTO administration_domains (domain, administration_id) VALUES ($1, $2)
           ON CONFLICT (domain) DO UPDATE SET administration_id = EXCLUDED.administration_id`,
          [domain, row.id],
        );
      }
    }
  });
}
