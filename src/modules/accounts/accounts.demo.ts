// Demo members from content/demo/members.yml, all with the password "praxis-demo".
// Loaded only when demo content is enabled (never in production unless asked).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { insertDemoMember } from './demo.store.js';
import { hashPassword } from './passwords.js';

export const DEMO_PASSWORD = 'praxis-demo';

interface DemoMember {
  email: string;
  handle: string;
  name: string;
  role?: string;
  administration?: string;
  jobTitle?: string;
  department?: string;
  bio?: string;
  language?: string;
}

export async function loadDemoAccounts(ctx: AppContext): Promise<void> {
  const list = parse(readFileSync(path.join(contentDir, 'demo', 'members.yml'), 'utf8')) as DemoMember[];
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx.ds, async (db) => {
    for (const m of list) {
      await insertDemoMember(db, {
        email: m.email.toLowerCase(), handle: m.handle, name: m.name, role: m.role ?? 'member', administrationSlug: m.administration ?? null,
        jobTitle: m.jobTitle ?? '', department: m.department ?? '', bio: m.bio ?? '', language: m.language ?? 'de',
      }, hash);
    }
  });
}
