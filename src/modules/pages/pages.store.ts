// Writes of the pages module beyond the Feedback entity (and the reads that belong to them).
import { In } from 'typeorm';
import { affected, type Db } from '../../db/sql.js';
import { User } from '../accounts/index.js';
import type { ContributionsChoice } from '../module.js';
import { MINE } from './pages.queries.js';

/** Active facilitators and admins: they get an e-mail about new feedback. */
export async function facilitatorEmails(db: Db): Promise<{ email: string; language: 'de' | 'en' }[]> {
  const found = await db.find(User, { select: { id: true, email: true, language: true }, where: { role: In(['facilitator', 'admin']), status: 'active' } });
  return found.map(({ email, language }) => ({ email, language }));
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
