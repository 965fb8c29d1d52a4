// The SQL of the demo members (accounts.demo.ts).
import { rows, type Db } from '../../db/sql.js';

/**
 * Inserts an active demo member unless the e-mail address exists (administration by slug): registered
 * at `joinedAt`, confirmed an hour later; with `approvedBy` (a handle) approved by that member a day later.
 */
export async function insertDemoMember(
  db: Db,
  m: {
    email: string; handle: string; name: string; role: string; administrationSlug: string | null; jobTitle: string; department: string;
    bio: string; language: string; joinedAt: Date; approvedBy: string | null;
  },
  passwordHash: string,
): Promise<void> {
  await rows(db,
    `INSERT INTO users (email, handle, name, role, status, administration_id, job_title, department, bio, language,
                        password_hash, email_confirmed_at, created_at, updated_at, decided_at, decided_by)
     SELECT $1, $2, $3, $4, 'active', (SELECT id FROM administrations WHERE slug = $5), $6, $7, $8, $9, $10,
            least(now(), $11::timestamptz + interval '1 hour'), $11, $11, a.at, CASE WHEN a.at IS NOT NULL THEN (SELECT id FROM users WHERE handle = $12) END
       FROM (SELECT CASE WHEN $12::text IS NOT NULL THEN least(now(), $11::timestamptz + interval '1 day') END AS at) a
     ON CONFLICT (email) DO NOTHING`,
    [m.email, m.handle, m.name, m.role, m.administrationSlug, m.jobTitle, m.department, m.bio, m.language, passwordHash, m.joinedAt, m.approvedBy],
  );
}
