import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';

const MODULE_PAGES = ['/forum/flags', '/forum/admin/categories', '/guides/review', '/use-cases/review', '/use-cases/flags', '/use-cases/translations', '/academy/manage'];

describe('the facilitator overview links every module', () => {
  const t = useTestApp();

  it('when a facilitator opens /admin, then every module\'s facilitator page is linked and opens for them', async () => {
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await f.get('/admin');
    expect(res.status).toBe(200);
    for (const href of MODULE_PAGES) {
      expect(res.text).toContain(`href="${href}"`);
      expect((await f.get(href)).status).toBe(200);
    }
    expect(res.text).toContain('Forum: gemeldete Beiträge');
  });

  it('when a member tries the module pages, then each refuses with 403', async () => {
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const href of ['/admin', ...MODULE_PAGES]) expect([href, (await m.get(href)).status]).toEqual([href, 403]);
  });
});
