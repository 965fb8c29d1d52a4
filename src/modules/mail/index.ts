// Mail: outgoing e-mail through the outbox (queueMail) and its worker handler.
import type { PraxisModule } from '../module.js';
import { mailHandler } from './mail.handler.js';
import { MAIL_TOPIC } from './mail.service.js';
import { forgetMailTo } from './mail.store.js';

export { queueMail, queueComposedMail, MAIL_TOPIC, type MailMessage } from './mail.service.js';

export const mailModule: PraxisModule = {
  name: 'mail',
  outboxHandlers: (ctx) => ({ [MAIL_TOPIC]: mailHandler(ctx) }),
  // Messages to a deleted account, sent or waiting, leave the outbox with it.
  deleteUserData: (db, member) => forgetMailTo(db, member.email, MAIL_TOPIC),
};
