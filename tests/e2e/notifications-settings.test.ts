// axe (WCAG 2.0/2.1 A and AA plus best practices) on the notification settings page (saved, with
// errors, in English) and the one-click unsubscribe pages (question and confirmation, signed out),
// at 1280 px and at 320 px (400 % zoom, where no page may scroll sideways); saving the settings works
// without JavaScript.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { unsubscribeToken } from '../../src/modules/notifications/notification-mail.js';

describe('notification settings in the browser', () => {
  const e = useE2E();

  it('when a member opens the settings (also with errors and in English), then axe finds nothing at both widths', async () => {
    const member = await createMember(e.server, 'member');
    const audit = new AxeAudit();
    const m = await TwoWidths.open(e, audit, 'member', member, 'de-DE', { errorStatus: 422 });
    await m.page('settings', '/notifications/settings');
    await m.errors('settings without an hour', '/notifications/settings', '/notifications/settings',
      async (p) => { await p.locator('#field-digestHour').selectOption(''); });
    await m.page('notifications with the settings link', '/notifications');
    // A member who chose English (signing in on the German login page, then English everywhere).
    const english = await createMember(e.server, 'member');
    await e.server.ctx.ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [english.id]);
    const en = await TwoWidths.open(e, audit, 'member, English', english, 'de-DE', { errorStatus: 422 });
    await en.page('settings (English)', '/notifications/settings');
    await expect(en.wide.locator('h1').innerText()).resolves.toBe('Notification settings');
    audit.assertClean();
    expect([...m.problems, ...en.problems]).toEqual([]);
  });

  it('when a member saves the settings without JavaScript, then the choices are stored and shown', async () => {
    const member = await createMember(e.server, 'member');
    const page = await e.newPage({ javaScript: false });
    await signIn(page, member);
    await visit(page, '/notifications/settings');
    await page.locator('#field-channel_mention-app').check();
    await page.locator('#field-channel_followed-email').check();
    await page.locator('#field-digestFrequency-daily').check();
    await page.locator('#field-digestHour').selectOption('18');
    await submitForm(page, '/notifications/settings', tr('notifications.settings.save'));
    expect(new URL(page.url()).pathname).toBe('/notifications/settings');
    await expect(page.locator('#field-channel_mention-app').isChecked()).resolves.toBe(true);
    await expect(page.locator('#field-digestHour').inputValue()).resolves.toBe('18');
    const ds = e.server.ctx.ds;
    expect(await ds.query(`SELECT kind_group, channel FROM notification_preferences WHERE user_id = $1 ORDER BY kind_group`, [member.id]))
      .toEqual([{ kind_group: 'followed', channel: 'email' }, { kind_group: 'mention', channel: 'app' }]);
    expect(await ds.query(`SELECT digest_frequency, digest_hour FROM notification_settings WHERE user_id = $1`, [member.id]))
      .toEqual([{ digest_frequency: 'daily', digest_hour: 18 }]);
  });

  it('when a visitor follows an unsubscribe link and confirms, then axe finds nothing on both pages and the e-mails are off', async () => {
    const member = await createMember(e.server, 'member');
    const path = `/notifications/unsubscribe/${unsubscribeToken(e.server.ctx.config.sessionSecret, member.id, 'replyToMine')}`;
    const audit = new AxeAudit();
    const v = await TwoWidths.open(e, audit, 'visitor', undefined, 'de-DE');
    await v.page('unsubscribe question', path);
    await expect(v.wide.locator('h1').innerText()).resolves.toContain('Antworten auf meine Beiträge');
    for (const p of [v.wide, v.narrow]) await submitForm(p, path, tr('notifications.settings.unsubscribe.confirm'));
    await v.current('unsubscribed');
    await expect(v.wide.locator('h1').innerText()).resolves.toBe(tr('notifications.settings.unsubscribe.doneTitle'));
    expect(await e.server.ctx.ds.query(`SELECT kind_group, channel FROM notification_preferences WHERE user_id = $1`, [member.id]))
      .toEqual([{ kind_group: 'replyToMine', channel: 'app' }]);
    await v.page('forged unsubscribe link', `/notifications/unsubscribe/${member.id}.mention.${'A'.repeat(32)}`, 404);
    audit.assertClean();
    expect(v.problems).toEqual([]);
  });
});
