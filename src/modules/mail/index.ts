// Mail: outgoing e-mail through the outbox (queueMail) and its worker handler.
import { OutboxRow } from '../../shared/outbox.entity.js';
import type { PraxisModule } from '../module.js';
import { mailHandler } from './mail.handler.js';
import { forgetMailTo, MAIL_TOPIC } from './mail.service.js';

export { queueMail, MAIL_TOPIC, type MailMessage } from './mail.service.js';

export const mailModule: PraxisModule = {
  name: 'mail',
  // The outbox is shared (src/shared/outbox.ts); no module owns it, so the first module that
  // writes to it and drains it (mail) lists its entity, since only modules' entities are registered.
  entities: [OutboxRow],
  outboxHandlers: (ctx) => ({ [MAIL_TOPIC]: mailHandler(ctx) }),
  // Messages to a deleted account, sent or waiting, leave the outbox with it.
  deleteUserData: (db, member) => forgetMailTo(db, member.email),
};
