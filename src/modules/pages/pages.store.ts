// Writes of the pages module beyond the Feedback entity (and the reads that belong to them).
import { affected, rows, type Db } from '../../db/sql.js';
import type { ContributionsChoice } from '../module.js';
import { MINE } from './pages.queries.js';

/** Active facilitators and admins: they get an e-mail about new feedback. */
export async function facilitatorEmails(db: Db): Promise<{ email: string; language: 'de' | 'en' }[]> {
  return rows(db, `SELECT email, language FROM users WHERE role IN ('facilitator', 'admin') AND status = 'active'`);
}

/**
 * Account deletion: name and e-mail are erased in any case; the report itself (page and message)
 * stays for the facilitators with kept contributions and is deleted with removed ones.
 */
export async function eraseFeedbackOfMember(db: Db, member: { id: number; email: string }, contributions: ContributionsChoice): Promise<void> {
  await affected(db,
    contributions === 'remove'
      ? `DELETE FROM feedback WHERE ${MINE}`
      : `UPDATE feedback SET user_id = NULL, name = '', email = '' WHERE ${MINE}`,
    [member.id, member.email]);
}
