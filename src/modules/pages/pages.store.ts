// Writes of the pages module beyond the Feedback entity (and the reads that belong to them).
import { affected, type Db } from '../../db/sql.js';
import type { ContributionsChoice } from '../module.js';
import { MINE } from './pages.queries.js';

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
