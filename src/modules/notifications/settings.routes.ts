// /notifications/settings: the member's channel per group and the digest's schedule.
// /notifications/unsubscribe/<token>: the one-click unsubscribe from an e-mail — a page with one
// button (GET) and the unsubscribe itself (POST, from that button or from a mail client's RFC 8058
// one-click POST without cookie or CSRF token: the signed token is the authorisation, and
// src/web/middleware/csrf.ts exempts exactly this path).
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { CHANNELS, DIGEST_FREQUENCIES, NOTIFICATION_GROUPS } from './notification-kinds.js';
import { settingsOf, type MemberSettings } from './settings.queries.js';
import { channelField, settingsSchema } from './settings.schemas.js';
import * as service from './settings.service.js';
import type { UnsubscribeLink } from './settings.service.js';
import { useLang } from '../../web/middleware/i18n.js';

const formValues = (s: MemberSettings): Record<string, string> => ({
  ...Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [channelField(g), s.channels[g]])),
  digestFrequency: s.digest.frequency, digestWeekday: String(s.digest.weekday), digestHour: String(s.digest.hour),
});

/** The page's plain view: the groups with their radios, the digest's choices, the saved values. */
async function settingsLocals(ctx: AppContext, req: Request) {
  const t = (key: string, vars?: Record<string, unknown>) => req.t(key, vars);
  return {
    title: t('notifications.settings.title'),
    groups: NOTIFICATION_GROUPS.map((g) => ({
      name: channelField(g), legend: t(`notifications.settings.legend.${g}`),
      options: CHANNELS.map((c) => ({ value: c, id: `field-${channelField(g)}-${c}`, label: t(`notifications.settings.channel.${c}`) })),
    })),
    frequencies: DIGEST_FREQUENCIES.map((f) => ({ value: f, id: `field-digestFrequency-${f}`, label: t(`notifications.settings.frequency.${f}`) })),
    weekdayOptions: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`notifications.settings.weekdays.${d}`) })),
    hourOptions: Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: t('notifications.settings.hourOption', { hour: String(h).padStart(2, '0') }) })),
    values: formValues(await settingsOf(ctx.ds, req.user!.id)),
  };
}

const whatOf = (req: Request, link: UnsubscribeLink) =>
  req.t(link.target === 'digest' ? 'notifications.mail.digestName' : `notifications.group.${link.target}`);

export function notificationSettingsRouter(ctx: AppContext): Router {
  const r = Router();
  const locals = (req: Request) => settingsLocals(ctx, req);

  r.get('/notifications/settings', requireUser, async (req, res) => res.render('notifications/settings', await locals(req)));
  r.post('/notifications/settings', requireUser, validateForm(settingsSchema, { view: 'notifications/settings', locals }), async (req, res) => {
    await service.saveSettings(ctx, req.user!.id, formData<typeof settingsSchema>(req));
    req.flash('success', 'notifications.settings.saved');
    res.redirect(303, '/notifications/settings');
  });

  r.get('/notifications/unsubscribe/:token', async (req, res) => {
    const link = await service.unsubscribeLink(ctx, String(req.params.token));
    // Signed out, from an e-mail: the page speaks the language of that e-mail (the member's).
    useLang(req, res, link.lang);
    const what = whatOf(req, link);
    res.set('Referrer-Policy', 'no-referrer').render('notifications/unsubscribe', {
      title: req.t('notifications.settings.unsubscribe.title', { what }), what, action: req.originalUrl.split('?')[0],
    });
  });
  r.post('/notifications/unsubscribe/:token', async (req, res) => {
    const link = await service.unsubscribe(ctx, String(req.params.token));
    useLang(req, res, link.lang);
    // RFC 8058: the mail client's POST gets its answer directly, a person the page that says it is done.
    const what = whatOf(req, link);
    res.set('Referrer-Policy', 'no-referrer').render('notifications/unsubscribed', { title: req.t('notifications.settings.unsubscribe.doneTitle'), what });
  });
  return r;
}
