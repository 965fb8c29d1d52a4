import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { notify } from '../../../src/modules/notifications/index.js';
import { NOTIFICATION_GROUPS } from '../../../src/modules/notifications/notification-kinds.js';
import { unsubscribeToken } from '../../../src/modules/notifications/notification-mail.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';

const ALL_DEFAULTS = {
  channel_mention: 'email', channel_replyToMine: 'email', channel_accepted: 'email', channel_followed: 'digest', channel_likeMine: 'digest',
  channel_adoption: 'email', channel_review: 'email', channel_certificate: 'app', channel_events: 'email', channel_other: 'app',
  digestFrequency: 'weekly', digestWeekday: '1', digestHour: '7',
};
const checked = (html: string, name: string) => new RegExp(`name="${name}" value="([a-z]+)" checked`).exec(html)?.[1];

describe('notification settings', () => {
  const t = useTestApp();
  const stored = async (userId: number) => ({
    prefs: await t.ctx.ds.query(`SELECT kind_group, channel FROM notification_preferences WHERE user_id = $1 ORDER BY kind_group`, [userId]),
    digest: await t.ctx.ds.query(`SELECT digest_frequency, digest_weekday, digest_hour FROM notification_settings WHERE user_id = $1`, [userId]),
  });

  it('when a member opens the settings, then every group is a fieldset with a legend and its default checked, and the digest shows its defaults', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const page = await b.get('/notifications/settings');
    expect(page.status).toBe(200);
    expect(page.text.match(/<fieldset/g)).toHaveLength(NOTIFICATION_GROUPS.length + 1);
    expect(page.text.match(/<legend/g)).toHaveLength(NOTIFICATION_GROUPS.length + 1);
    expect(checked(page.text, 'channel_mention')).toBe('email');
    expect(checked(page.text, 'channel_followed')).toBe('digest');
    expect(checked(page.text, 'channel_certificate')).toBe('app');
    expect(checked(page.text, 'digestFrequency')).toBe('weekly');
    expect(page.text).toMatch(/<option value="7" selected>07:00 Uhr<\/option>/);
    // Linked from the list and from the account page.
    expect((await b.get('/notifications')).text).toContain('href="/notifications/settings"');
    expect((await b.get('/me')).text).toContain('href="/notifications/settings"');
  });

  it('when a member saves choices, then only those that differ from the defaults are stored, and the page shows them', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const res = await b.post('/notifications/settings', { ...ALL_DEFAULTS, channel_mention: 'app', channel_followed: 'email', digestFrequency: 'daily', digestHour: '18' }, '/notifications/settings');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/notifications/settings');
    expect(await stored(member.id)).toEqual({
      prefs: [{ kind_group: 'followed', channel: 'email' }, { kind_group: 'mention', channel: 'app' }],
      digest: [{ digest_frequency: 'daily', digest_weekday: 1, digest_hour: 18 }],
    });
    const page = (await b.get('/notifications/settings')).text;
    expect(checked(page, 'channel_mention')).toBe('app');
    expect(checked(page, 'channel_followed')).toBe('email');
    expect(checked(page, 'digestFrequency')).toBe('daily');
    // Back to the defaults: the rows go.
    expect((await b.post('/notifications/settings', ALL_DEFAULTS, '/notifications/settings')).status).toBe(303);
    expect(await stored(member.id)).toEqual({ prefs: [], digest: [] });
  });

  it('when the form is tampered with, then 422 on the same form with the choices kept and nothing stored', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const res = await b.post('/notifications/settings', { ...ALL_DEFAULTS, channel_mention: 'sms', channel_followed: 'email', digestHour: '25' }, '/notifications/settings');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Bitte wählen Sie, wie Sie benachrichtigt werden möchten.');
    expect(res.text).toContain('Bitte wählen Sie eine Uhrzeit.');
    expect(checked(res.text, 'channel_followed')).toBe('email');
    expect(await stored(member.id)).toEqual({ prefs: [], digest: [] });
    const missing = await b.post('/notifications/settings', { digestFrequency: 'daily' }, '/notifications/settings');
    expect(missing.status).toBe(422);
    expect(checked(missing.text, 'digestFrequency')).toBe('daily');
    expect(await stored(member.id)).toEqual({ prefs: [], digest: [] });
  });

  it('when the settings form comes without a CSRF token, then 403 and nothing is stored; only the unsubscribe path itself is exempt', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const res = await b.agent.post('/notifications/settings').type('form').send({ ...ALL_DEFAULTS, channel_mention: 'app' });
    expect(res.status).toBe(403);
    expect(await stored(member.id)).toEqual({ prefs: [], digest: [] });
    for (const path of ['/notifications/unsubscribe/x/read', '/notifications/unsubscribe', '/notifications/unsubscribe-all/x']) {
      expect({ path, status: (await request(t.app).post(path).type('form').send('List-Unsubscribe=One-Click')).status }).toEqual({ path, status: 403 });
    }
  });

  it('when a mail client posts the one-click unsubscribe of the digest as multipart, then the digest is off and the schedule kept', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    await b.post('/notifications/settings', { ...ALL_DEFAULTS, digestFrequency: 'daily', digestHour: '18' }, '/notifications/settings');
    const path = `/notifications/unsubscribe/${unsubscribeToken(t.ctx.config.sessionSecret, member.id, 'digest')}`;
    const page = await request(t.app).get(path);
    expect(page.text).toContain('Keine E-Mails mehr für die Zusammenfassung per E-Mail?');
    const res = await request(t.app).post(path).field('List-Unsubscribe', 'One-Click');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Sie erhalten keine E-Mails mehr für die Zusammenfassung per E-Mail.');
    expect((await stored(member.id)).digest).toEqual([{ digest_frequency: 'off', digest_weekday: 1, digest_hour: 18 }]);
  });

  it('when a visitor opens the settings, then they are asked to sign in', async () => {
    const res = await request(t.app).get('/notifications/settings');
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('/login');
  });

  it('when a member downloads their data, then it lists their notification settings', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    await b.post('/notifications/settings', { ...ALL_DEFAULTS, channel_review: 'digest', digestFrequency: 'off' }, '/notifications/settings');
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.notifications.preferences).toEqual([expect.objectContaining({ kindGroup: 'review', channel: 'digest' })]);
    expect(data.notifications.digest).toEqual([expect.objectContaining({ frequency: 'off', weekday: 1, hour: 7 })]);
  });

  it('when a member deletes their account, then their notification settings and waiting e-mail batches go too', async () => {
    const member = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    await b.post('/notifications/settings', { ...ALL_DEFAULTS, channel_review: 'digest', digestFrequency: 'off' }, '/notifications/settings');
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: member.id, kind: 'forum.mention', title: 'x', url: '/forum/threads/9-x', actorId: actor.id }));
    const batches = () => t.ctx.ds.query(`SELECT id FROM outbox WHERE topic = 'notifications.email' AND key LIKE $1`, [`notify-mail:${member.id}:%`]);
    expect(await batches()).toHaveLength(1);
    expect((await b.post('/me/delete', { password: member.password, confirm: 'DELETE' }, '/me/delete')).text).toContain('Ihr Konto wurde gelöscht');
    expect(await stored(member.id)).toEqual({ prefs: [], digest: [] });
    expect(await batches()).toEqual([]);
  });

  it('when a member has unread notifications, then the bell shows the count on /me, member pages, administration pages and /admin', async () => {
    const totpSecret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret });
    const other = await createUser(t.ctx.ds);
    const administration = await createAdministration(t.ctx.ds);
    for (const title of ['eins', 'zwei']) {
      await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: admin.id, kind: 'test.ping', title, url: '/forum', actorId: other.id }));
    }
    const b = await signedIn(t.app, { ...admin, totpSecret });
    for (const path of ['/me', `/members/${other.handle}`, `/administrations/${administration.slug}`, '/admin']) {
      const page = await b.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect({ path, bell: /class="site-bell__count" aria-hidden="true">2</.test(page.text) }).toEqual({ path, bell: true });
    }
  });
});
