// /api/v1/use-cases: list with the list's filters, cursor pages that stay stable while cases are
// published, detail, and network-only cases only for a read:network token.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createAdministration } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { allPages, apiGet, tokenFor } from './support.js';

describe('api: use cases', () => {
  const t = useTestApp();

  it('when listing one administration\'s cases without a token, then only its published public cases come, newest first, with the documented fields', async () => {
    const adm = await createAdministration(t.ctx.ds, { kind: 'county', state: 'BY' });
    const older = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const newer = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'network' });
    await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', published: false });

    const res = await apiGet(t, `/use-cases?administration=${adm.slug}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body.data.map((c: { slug: string }) => c.slug)).toEqual([newer.slug, older.slug]);
    expect(res.body.data[0]).toMatchObject({
      visibility: 'public',
      administration: { slug: adm.slug, kind: 'county', state: 'BY' },
      url: `http://praxis.test/use-cases/${newer.slug}`,
      topics: ['budget'],
    });
    expect(res.body.links).toEqual({ self: `http://praxis.test/api/v1/use-cases?administration=${adm.slug}`, next: null });
  });

  it('when filtering by topic, method, Land and administration kind, then only matching cases come; an unknown value is a 400 problem naming the parameter', async () => {
    const adm = await createAdministration(t.ctx.ds, { kind: 'municipality', state: 'NW' });
    const budget = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', policyAreas: ['budget'], methods: ['participatory-budget'] });
    await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', policyAreas: ['mobility'], methods: ['online-survey'] });
    const q = `administration=${adm.slug}`;
    const slugs = async (query: string) => (await apiGet(t, `/use-cases?${q}&${query}`)).body.data.map((c: { slug: string }) => c.slug);

    expect(await slugs('topic=budget')).toEqual([budget.slug]);
    expect(await slugs('method=participatory-budget')).toEqual([budget.slug]);
    expect(await slugs('topic=budget&topic=mobility')).toHaveLength(2);
    expect(await slugs('state=NW&kind=municipality')).toHaveLength(2);
    expect(await slugs('state=BY')).toEqual([]);
    expect(await slugs('kind=county')).toEqual([]);

    const bad = await apiGet(t, `/use-cases?${q}&topic=nonsense&colour=blue`);
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, instance: '/api/v1/use-cases' });
    expect(bad.body.errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual(['colour', 'topic']);
  });

  it('when paging with a cursor while a case is published meanwhile, then every case comes exactly once and the new one is not slipped in', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' }));
    const first = await apiGet(t, `/use-cases?administration=${adm.slug}&limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.links.next).toMatch(/^http:\/\/praxis\.test\/api\/v1\/use-cases\?administration=.+&limit=2&cursor=/);
    expect(first.headers.link).toBe(`<${first.body.links.next}>; rel="next"`);
    await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const rest = await allPages(t, first.body.links.next);
    const seen = [...first.body.data, ...rest.items].map((c) => c.slug);
    expect(seen).toEqual(created.map((c) => c.slug).reverse());
    expect(rest.pages).toBe(2);
  });

  it('when the cursor is forged or belongs to another list, or limit is out of range, then 400 problem+json, never 500', async () => {
    for (const query of ['cursor=abc', 'cursor=' + Buffer.from('{"v":1,"l":"/use-cases","k":["x",1]}').toString('base64url'), 'limit=0', 'limit=101', 'limit=ten']) {
      const res = await apiGet(t, `/use-cases?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    }
    const guidesCursor = Buffer.from('{"v":1,"l":"/guides","k":[5]}').toString('base64url');
    expect((await apiGet(t, `/use-cases?cursor=${guidesCursor}`)).status).toBe(400);
  });

  it('when reading a network case, then visitors and read:public tokens get 404 and a read:network token gets it, without CORS', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const network = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'network' });
    const pub = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const publicToken = await tokenFor(t, ['read:public']);
    const networkToken = await tokenFor(t, ['read:public', 'read:network']);

    expect((await apiGet(t, `/use-cases/${network.slug}`)).status).toBe(404);
    const refused = await apiGet(t, `/use-cases/${network.slug}`, publicToken);
    expect(refused.status).toBe(404);
    expect(refused.type).toBe('application/problem+json');
    const seen = await apiGet(t, `/use-cases/${network.slug}`, networkToken);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toMatchObject({ slug: network.slug, visibility: 'network', narrative: {} });
    expect(seen.headers['access-control-allow-origin']).toBeUndefined();
    expect(seen.headers['cache-control']).toBe('private, no-cache');

    const list = async (token?: string) => (await apiGet(t, `/use-cases?administration=${adm.slug}`, token)).body.data.map((c: { slug: string }) => c.slug).sort();
    expect(await list()).toEqual([pub.slug]);
    expect(await list(publicToken)).toEqual([pub.slug]);
    expect(await list(networkToken)).toEqual([network.slug, pub.slug].sort());

    const publicDetail = await apiGet(t, `/use-cases/${pub.slug}`);
    expect(publicDetail.headers['access-control-allow-origin']).toBe('*');
    expect(publicDetail.headers['cache-control']).toBe('public, max-age=60');
  });
});
