// Notifications: in-app messages to a member (replies, mentions, accepted answers, adoptions,
// approvals needed …), the bell with the unread count and the /notifications page.
import type { PraxisModule } from '../module.js';
import { Notification } from './notification.entity.js';
import { NotificationDigest, NotificationPreference, NotificationSettings } from './notification-preference.entity.js';
import { digestHandler, pruneDigests, runDigestsDue } from './digest.service.js';
import { DIGEST_TOPIC } from './digest.store.js';
import { notificationsOfMember } from './notifications.queries.js';
import { bellLocals, notificationsRouter } from './notifications.routes.js';
import { UNREAD_PATHS_READ, UNREAD_PATHS_SQL, UNREAD_READ, UNREAD_SQL } from './notifications.queries.js';
import { notificationEmailHandler } from './notification-email.handler.js';
import { NOTIFY_MAIL_TOPIC } from './notification-email.service.js';
import { deleteNotificationsOfMember } from './notifications.store.js';

export { NOTIFICATION_GROUPS, CHANNELS, groupOf, kindGroupSql, channelSql, type NotificationGroup, type Channel } from './notification-kinds.js';
export { notify, type NotificationInput } from './notifications.service.js';
export { runDigestsDue, sendDigest } from './digest.service.js';
export { DIGEST_TOPIC } from './digest.store.js';
export { berlinTime, digestPeriod, duePeriod } from './digest-schedule.js';
export { forgetNotificationsAbout, retitleNotificationsAbout } from './notifications.store.js';

export const notificationsModule: PraxisModule = {
  name: 'notifications',
  entities: [Notification, NotificationPreference, NotificationSettings, NotificationDigest],
  router: notificationsRouter,
  pageLocals: bellLocals,
  sessionReads: { [UNREAD_READ]: UNREAD_SQL, [UNREAD_PATHS_READ]: UNREAD_PATHS_SQL },
  outboxHandlers: (ctx) => ({ [NOTIFY_MAIL_TOPIC]: notificationEmailHandler(ctx), [DIGEST_TOPIC]: digestHandler(ctx) }),
  // The e-mail digest: due periods are claimed every minute, one outbox job per member and period.
  everyMinute: async (ctx, now) => void (await runDigestsDue(ctx, now)),
  housekeeping: (ctx) => pruneDigests(ctx),
  userColumns: {
    'notifications.user_id': 'received', 'notifications.actor_id': 'caused',
    'notification_preferences.user_id': 'preferences', 'notification_settings.user_id': 'digest',
    'notification_digests.user_id': 'digests',
  },
  exportUserData: (ds, userId) => notificationsOfMember(ds, userId),
  // The member's own notifications go; those about the member's actions go with removed contributions.
  deleteUserData: (db, member, contributions) => deleteNotificationsOfMember(db, member.id, contributions),
};
