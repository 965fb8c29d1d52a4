// Demo members from content/demo/members.yml, all with the password "praxis-demo".
// Loaded only when demo content is enabled (never in production unless asked). Each registered
// `joined` days before the load (at a seeded time of day), so the dashboard's registrations and
// approvals spread over the year; a member who is there already is left as they are.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { seededRandom } from '../../shared/seeded-random.js';
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
  /** Registered this many days before the load (0: now). */
  joined?: number;
  /** Handle of the facilitator who approved the registration (a day after it). */
  approvedBy?: string;
}

const DAY_MS = 86_400_000;

export async function loadDemoAccounts(ctx: AppContext, now = new Date()): Promise<void> {
  const list = parse(readFileSync(path.join(contentDir, 'demo', 'members.yml'), 'utf8')) as DemoMember[];
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx.ds, async (db) => {
    for (const m of list) {
      // Office hours: between 8 and 17 o'clock (UTC, close enough for a demo).
      const rng = seededRandom(`accounts:${m.handle}`);
      const day = new Date(now.getTime() - (m.joined ?? 0) * DAY_MS);
      const joinedAt = m.joined ? new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(7, 15), rng.int(0, 59))) : now;
      await insertDemoMember(db, {
        email: m.email.toLowerCase(), handle: m.handle, name: m.name, role: m.role ?? 'member', administrationSlug: m.administration ?? null,
        jobTitle: m.jobTitle ?? '', department: m.department ?? '', bio: m.bio ?? '', language: m.language ?? 'de',
        joinedAt, approvedBy: m.approvedBy ?? null,
      }, hash);
    }
  });
}
