// Pages: home, accessibility statement and feedback, imprint, privacy, health check.
import type { PraxisModule } from '../module.js';
import { Feedback } from './feedback.entity.js';
import { pagesRouter } from './pages.routes.js';

/** Feedback the member sent: signed in, or with their e-mail address typed into the form. */
const MINE = `(user_id = $1 OR (email <> '' AND email = $2))`;

export const pagesModule: PraxisModule = {
  name: 'pages',
  entities: [Feedback],
  router: pagesRouter,
  userColumns: { 'feedback.user_id': 'feedback', 'feedback.email': 'feedback' },
  exportUserData: async (ds, userId) => {
    const [u] = await ds.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    return {
      feedback: await ds.query(
        `SELECT name, email, page, message, created_at AS "createdAt", handled_at AS "handledAt" FROM feedback
          WHERE ${MINE} ORDER BY id`, [userId, u?.email ?? '']),
    };
  },
  // Accessibility feedback: name and e-mail are erased in any case; the report itself (page and
  // message) stays for the facilitators with kept contributions and is deleted with removed ones.
  deleteUserData: async (db, member, contributions) => {
    await db.query(
      contributions === 'remove'
        ? `DELETE FROM feedback WHERE ${MINE}`
        : `UPDATE feedback SET user_id = NULL, name = '', email = '' WHERE ${MINE}`,
      [member.id, member.email]);
  },
};
