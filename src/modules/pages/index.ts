// Pages: home, accessibility statement and feedback, imprint, privacy, health check.
import type { PraxisModule } from '../module.js';
import { Feedback } from './feedback.entity.js';
import { feedbackOfMember } from './pages.queries.js';
import { pagesRouter } from './pages.routes.js';
import { eraseFeedbackOfMember } from './pages.store.js';

export const pagesModule: PraxisModule = {
  name: 'pages',
  entities: [Feedback],
  router: pagesRouter,
  userColumns: { 'feedback.user_id': 'feedback', 'feedback.email': 'feedback' },
  exportUserData: async (ds, userId) => ({ feedback: await feedbackOfMember(ds, userId) }),
  // Accessibility feedback: name and e-mail are erased in any case; the report itself (page and
  // message) stays for the facilitators with kept contributions and is deleted with removed ones.
  deleteUserData: (db, member, contributions) => eraseFeedbackOfMember(db, member, contributions),
};
