// Reads of the pages module: the accessibility feedback for facilitators and for the member's data download.
import { one, rows, type Queryable } from '../../db/sql.js';

/** Feedback the member sent: signed in, or with their e-mail address typed into the form. */
export const MINE = `(user_id = $1 OR (email <> '' AND email = $2))`;

/** The newest 200 feedback reports. */
export async function recentFeedback(db: Queryable) {
  return rows<{ id: number; name: string; email: string; page: string; message: string; createdAt: Date }>(db,
    `SELECT id, name, email, page, message, created_at AS "createdAt" FROM feedback ORDER BY id DESC LIMIT 200`);
}

/** For the member's data download: the feedback they sent. */
export async function feedbackOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  const u = await one<{ email: string }>(db, `SELECT email FROM users WHERE id = $1`, [userId]);
  return rows(db,
    `SELECT name, email, page, message, created_at AS "createdAt", handled_at AS "handledAt" FROM feedback
      WHERE ${MINE} ORDER BY id`, [userId, u?.email ?? '']);
}
