// The SQL of the demo members (accounts.demo.ts).
import { rows, type Db } from '../../db/sql.js';

/** Inserts an active, confirmed demo member unless the e-mail address exists (administration by slug). */
export async function insertDemoMember(
  db: Db,
  m: { email: string; handle: string; name: string; role: string; administrationSlug: string | null; jobTitle: string; department: string; bio: string; language: string },
  passwordHash: string,
): Promise<void> {
  await rows(db,
    `INSERT INTO users (email, handle, name, role, status, administration_id, job_title, department, bio, language,
                        password_hash, email_confirmed_at)
     VALUES ($1, $2, $3, $4, 'active', (SELECT id FROM administrations WHERE slug = $5), $6, $7, $8, $9, $10, now())
     ON CONFLICT (email) DO NOTHING`,
    [m.email, m.handle, m.name, m.role, m.administrationSlug, m.jobTitle, m.department, m.bio, m.language, passwordHash],
  );
}
