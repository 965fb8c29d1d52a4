// Demo administrations from content/demo/administrations.yml (upserted by slug).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { administrationSchema } from './administrations.schemas.js';
import { assignDemoDomain, upsertDemoAdministration } from './demo.store.js';

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
      const id = await upsertDemoAdministration(db, a);
      for (const domain of a.domains) await assignDemoDomain(db, domain, id);
    }
  });
}
