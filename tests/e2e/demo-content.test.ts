// The demo installation as `npm start` shows it: real-looking administrations and members, so lists,
// filters and profiles are checked with full content rather than one factory row.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, DEMO, signIn, useE2E, visit } from './support/index.js';

describe('demo content', () => {
  const e = useE2E({ demo: true });

  it('when the demo member browses administrations and profiles, then the pages pass axe', async () => {
    const page = await e.newPage();
    const audit = new AxeAudit();
    await visit(page, '/administrations');
    await expect(page.locator('main li.kern-card').count()).resolves.toBeGreaterThan(10);
    await audit.check(page, 'administrations (demo)');
    await visit(page, '/administrations?state=TH');
    await audit.check(page, 'administrations in Thüringen (demo)');
    await visit(page, '/administrations/stadt-jena');
    await audit.check(page, 'Stadt Jena (visitor)');

    await signIn(page, DEMO.member);
    await expect(page.locator('.site-user').getByRole('link', { name: DEMO.member.name }).isVisible()).resolves.toBe(true);
    await visit(page, '/administrations/stadt-jena');
    await expect(page.getByRole('link', { name: 'Julia Schmidt' }).isVisible()).resolves.toBe(true);
    await audit.check(page, 'Stadt Jena with members');
    await visit(page, '/members/jschmidt');
    await audit.check(page, 'demo member profile with bio');
    await visit(page, '/me');
    await audit.check(page, 'demo member: my profile');
    audit.assertClean();
  });

  it('when the demo facilitator opens the moderation pages, then they pass axe', async () => {
    const page = await e.newPage();
    const audit = new AxeAudit();
    await signIn(page, DEMO.facilitator);
    for (const path of ['/admin', '/admin/approvals', '/admin/feedback']) {
      await visit(page, path);
      await audit.check(page, `${path} (demo facilitator)`);
    }
    audit.assertClean();
  });
});
