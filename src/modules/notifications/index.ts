// Notifications: in-app messages to a member (replies, mentions, accepted answers, adoptions,
// approvals needed …), the bell with the unread count and the /notifications page.
import type { PraxisModule } from '../module.js';
import { Notification } from './notification.entity.js';
import { notificationsRouter } from './notifications.routes.js';

export { notify, forgetNotificationsAbout, retitleNotificationsAbout, type NotificationInput } from './notifications.service.js';

export const notificationsModule: PraxisModule = {
  name: 'notifications',
  entities: [Notification],
  router: notificationsRouter,
  userColumns: { 'notifications.user_id': 'received', 'notifications.actor_id': 'caused' },
  exportUserData: async (ds, userId) => ({
    received: await ds.query(
      `SELECT kind, title, url, vars, created_at AS "createdAt", read_at AS "readAt" FROM notifications WHERE user_id = $1 ORDER BY id`, [userId]),
    // Notifications other members got about this member's actions (without those members' names).
    caused: await ds.query(`SELECT kind, url, created_at AS "createdAt" FROM notifications WHERE actor_id = $1 ORDER BY id`, [userId]),
  }),
  // The member's own notifications go. Those telling others about the member's actions stay with
  // kept contributions (the actor shows as "former member") and go with removed ones.
  deleteUserData: async (db, member, contributions) => {
    await db.query(`DELETE FROM notifications WHERE user_id = $1`, [member.id]);
    if (contributions === 'remove') await db.query(`DELETE FROM notifications WHERE actor_id = $1`, [member.id]);
  },
};
