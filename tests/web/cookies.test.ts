import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../support/app.js';
import { createAdministration } from '../support/factories.js';
import { createCategory, createReply, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';

describe('cookies for visitors', () => {
  const t = useTestApp();

  it('when a visitor reads pages without a form, then no cookie (and so no session) is set', async () => {
    for (const path of ['/', '/impressum', '/datenschutz', '/administrations', '/does-not-exist']) {
      const res = await request(t.app).get(path);
      expect([path, res.headers['set-cookie']]).toEqual([path, undefined]);
    }
  });

  // Every page a visitor (or a crawler, which never sends the cookie back) reads, with content in it:
  // a page that asked for a CSRF token it does not render stored a session row per view (the use
  // case's upload address did, for the editors' form a visitor never sees).
  it('when a visitor reads the public content pages, then no cookie is set and no session row is written', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const category = await createCategory(t.ctx.ds, { isPublic: true });
    const thread = await createThread(t.ctx.ds, { category, tags: ['haushalt'] });
    await createReply(t.ctx.ds, thread);
    const uc = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const [{ n: before }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM session`);
    for (const path of [
      '/forum', `/forum/c/${category.slug}`, '/forum/tags/haushalt', '/forum?view=unanswered', thread.url,
      '/use-cases', '/use-cases?topic=budget', `/use-cases/${uc.slug}`, `/administrations/${adm.slug}`,
      '/guides', '/academy', '/events', '/search?q=Haushalt',
    ]) {
      const res = await request(t.app).get(path);
      expect([path, res.status, res.headers['set-cookie']]).toEqual([path, 200, undefined]);
    }
    const [{ n: after }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM session`);
    expect(after).toBe(before);
  });

  it('when a visitor opens a page with a form, then the session cookie carries its CSRF token', async () => {
    const res = await request(t.app).get('/login');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^praxis\.sid=/);
    expect(res.text).toMatch(/name="_csrf" value="[\w-]{20,}"/);
  });
});
