// The worker side of e-mail: one nodemailer transport for the process. nodemailer is loaded on the
// first message, so a web process that never sends mail does not carry it (a few MB of heap).
import type { Transporter } from 'nodemailer';
import type { AppContext } from '../module.js';
import type { OutboxHandler } from '../../shared/outbox.js';
import type { MailMessage } from './mail.service.js';

export function mailHandler(ctx: AppContext): OutboxHandler {
  let transport: Transporter | undefined;
  const get = async () => {
    if (!transport) {
      const { default: nodemailer } = await import('nodemailer');
      transport = ctx.config.SMTP_URL ? nodemailer.createTransport(ctx.config.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
    }
    return transport;
  };
  return {
    batchSize: 10,
    async handle(messages) {
      for (const m of messages) {
        const mail = m.payload as MailMessage;
        await (await get()).sendMail({ from: ctx.config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
        if (!ctx.config.SMTP_URL) {
          // Development: the message goes to the log, so links (confirmation, reset) can be followed.
          ctx.logger.info({ mail: { to: mail.to, subject: mail.subject } }, `e-mail (not sent, no SMTP_URL):\n${mail.text}`);
        }
      }
    },
  };
}
