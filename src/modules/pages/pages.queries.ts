// Reads of the pages module: the accessibility feedback for facilitators and for the member's data download.
import type { DataSource } from 'typeorm';
import { rows, type Db } from '../../db/sql.js';
import { User } from '../accounts/index.js';
import { Feedback } from './feedback.entity.js';

/** Feedback the member sent: signed in, or with their e-mail address typed into the form. */
export const MINE = `(user_id = $1 OR (email <> '' AND email = $2))`;

/** The newest 200 feedback reports. */
export async function recentFeedback(db: DataSource | Db): Promise<{ id: number; name: string; email: string; page: string; message: string; createdAt: Date }[]> {
  const found = await db.getRepository(Feedback).find({
    select: { id: true, name: true, email: true, page: true, message: true, createdAt: true }, order: { id: 'DESC' }, take: 200,
  });
  return found.map(({ id, name, email, page, message, createdAt }) => ({ id, name, email, page, message, createdAt }));
}

/** For the member's data download: the feedback they sent. */
export async function feedbackOfMember(db: DataSource | Db, userId: number): Promise<Record<string, unknown>[]> {
  const u = await db.getRepository(User).findOne({ select: { id: true, email: true }, where: { id: userId } });
  return rows(db,
    `SELECT name, email, page, message, created_at AS "createdAt", handled_at AS "handledAt" FROM feedback
      WHERE ${MINE} ORDER BY id`, [userId, u?.email ?? '']);
}
