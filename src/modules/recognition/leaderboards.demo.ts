// The demo members' leaderboard answers (content/demo/leaderboards.yml), so the demo's leaderboards
// are not empty; members left out are asked when they sign in. Idempotent, and it never overwrites
// an answer a member gave.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { parseYamlFile } from '../../shared/yaml-file.js';
import type { AppContext } from '../module.js';
import { seedDemoChoice } from './leaderboards.store.js';

const handles = z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{1,29}$/, 'a member handle')).default([]);
const demoSchema = z.strictObject({ shown: handles, hidden: handles });

export async function loadDemoLeaderboards(ctx: AppContext): Promise<void> {
  const file = path.join(contentDir, 'demo', 'leaderboards.yml');
  const data = parseYamlFile('content/demo/leaderboards.yml', readFileSync(file, 'utf8'), demoSchema);
  await inTransaction(ctx.ds, async (db) => {
    for (const handle of data.shown) await seedDemoChoice(db, handle, true);
    for (const handle of data.hidden) await seedDemoChoice(db, handle, false);
  });
}
