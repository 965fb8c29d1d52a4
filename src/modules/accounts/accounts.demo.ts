// Demo members from content/demo/members.yml, all with the password "praxis-demo".
// Loaded only when demo content is enabled (never in production unless asked).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
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
      await db.query(
        `INSERT INTO users (email, handle, name, role, status, administration_id, job_title, department, bio, language,
                            password_hash, email_confirmed_at)
         VALUES ($1, $2, $3, $4, 'active', (SELECT id FROM administrations WHERE slug = $5), $6, $7, $8, $9, $10, now())
         ON CONFLICT (email) DO NOTHING`,
        [m.email.toLowerCase(), m.handle, m.name, m.role ?? 'member', m.administration ?? null, m.jobTitle ?? '',
          m.department ?? '', m.bio ?? '', m.language ?? 'de', hash],
      );
    }
  });
}
