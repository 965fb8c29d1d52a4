// Keeping the overview in the browser (issue 15): a new member signs in for the first time, completes
// the onboarding and follows a tag; another member asks a question with that tag; the first member's
// start page shows it, the daily digest (run through the worker) arrives at a real SMTP server with
// that thread, and its one-click unsubscribe link works signed out.
import { beforeAll, afterAll, describe, expect, it } from '@jest/globals';
import { createMember, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { createCategory, createThread } from '../support/forum-factories.js';
import { uniq } from '../support/factories.js';
import { rawHeader, startSmtp, type TestSmtp } from '../support/smtp.js';
import { digestDueNow } from '../support/digest.js';
import { runDigestsDue } from '../../src/modules/notifications/index.js';

describe('keeping the overview', () => {
  const env: Record<string, string> = {};
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => smtp?.stop());
  const e = useE2E({ env });

  it('when a new member completes the onboarding and follows a tag, then a question with that tag reaches their start page and their daily digest, whose unsubscribe link works signed out', async () => {
    const ds = e.server.ctx.ds;
    const token = uniq().slice(-6);
    const tag = `overview-${token}`.toLowerCase();
    const category = await createCategory(ds, { name: `Überblick ${token}` });
    await createThread(ds, { category, title: `Ältere Frage zum Thema ${token}`, tags: [tag] });
    const newcomer = await createMember(e.server, 'member', { name: 'Nora Neu' });
    const asker = await createMember(e.server, 'member', { name: 'Paul Fragt' });

    // First sign-in: the start page invites to the onboarding.
    const page = await e.newPage();
    await signIn(page, newcomer);
    await visit(page, '/');
    const welcome = page.locator('main a[href="/welcome"]').first();
    await expect(welcome.count()).resolves.toBe(1);
    await Promise.all([page.waitForEvent('load'), welcome.click()]);
    expect(new URL(page.url()).pathname).toBe('/welcome');
    await field(page, 'accounts.fields.jobTitle').fill('Referentin Bürgerbeteiligung');
    await field(page, 'accounts.fields.department').fill('Stabsstelle Beteiligung');
    await submitForm(page, '/welcome', tr('home.onboarding.save'));
    const [onboarding] = await ds.query(`SELECT completed_at AS "completedAt" FROM member_onboarding WHERE user_id = $1`, [newcomer.id]);
    expect(onboarding?.completedAt).toBeTruthy();
    // Done: the invitation does not come back.
    await visit(page, '/');
    await expect(page.locator('main a[href="/welcome"]').count()).resolves.toBe(0);

    // The member follows the tag from its page ("watching": told about new threads).
    await visit(page, `/forum/tags/${tag}`);
    await page.locator('form.forum-follow select').selectOption('watching');
    await submitForm(page, '/forum/follow', tr('forum.follow.save'));
    const follows = await ds.query(`SELECT level FROM forum_follows f JOIN forum_tags t ON t.id = f.target_id AND f.target_type = 'tag' WHERE f.user_id = $1 AND t.name = $2`, [newcomer.id, tag]);
    expect(follows).toEqual([{ level: 'watching' }]);

    // Another member asks a question with that tag.
    const other = await e.newPage();
    await signIn(other, asker);
    await visit(other, `/forum/new?category=${category.slug}`);
    const title = `Wie gewinnen wir Ehrenamtliche für den Bürgerrat ${token}?`;
    await field(other, 'forum.fields.title').fill(title);
    await field(other, 'forum.fields.body').fill('Wir suchen Menschen, die Sitzungen begleiten. Welche Wege haben bei euch funktioniert?');
    await field(other, 'forum.fields.tags').fill(tag);
    await submitForm(other, '/forum/new', tr('forum.new.submit'));
    if (new URL(other.url()).pathname === '/forum/new') await submitForm(other, '/forum/new', tr('forum.new.submit'));
    expect(new URL(other.url()).pathname).toMatch(/^\/forum\/threads\/\d+-/);

    // The newcomer's start page shows the question.
    await visit(page, '/');
    await expect(page.locator('main').getByRole('link', { name: title }).count()).resolves.toBeGreaterThan(0);

    // The daily digest, made due now and run through the worker, arrives with the thread.
    await digestDueNow(ds, newcomer.id);
    await runDigestsDue(e.server.ctx);
    await e.server.drain();
    const [digest] = await smtp.waitFor(newcomer.email, 1);
    expect(digest!.text).toContain(title);
    expect(String(digest!.html)).toContain(title);
    expect(rawHeader(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = new URL(/^<([^>]+)>$/.exec(rawHeader(digest!, 'List-Unsubscribe') ?? '')![1]!);

    // Its unsubscribe link, opened signed out, turns the digest off with one button.
    const visitor = await e.newPage();
    await visit(visitor, link.pathname);
    await Promise.all([visitor.waitForEvent('load'), visitor.locator('main form button[type="submit"]').click()]);
    const [settings] = await ds.query(`SELECT digest_frequency AS frequency FROM notification_settings WHERE user_id = $1`, [newcomer.id]);
    expect(settings).toEqual({ frequency: 'off' });
  });
});
