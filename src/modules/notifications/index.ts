// Notifications: in-app messages to a member (replies, mentions, accepted answers, adoptions,
// approvals needed …), the bell with the unread count and the /notifications page.
import type { PraxisModule } from '../module.js';
import { notificationsRouter } from './notifications.routes.js';

export { notify, type NotificationInput } from './notifications.service.js';

export const notificationsModule: PraxisModule = {
  name: 'notifications',
  router: notificationsRouter,
  exportUserData: (ds, userId) =>
    ds.query(`SELECT kind, title, url, created_at AS "createdAt", read_at AS "readAt" FROM notifications WHERE user_id = $1 ORDER BY id`, [userId]),
};
