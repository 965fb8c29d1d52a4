import { describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';
import { createUseCase, ownDepartment } from '../../support/usecases-factories.js';

const TOPICS = ['budget', 'mobility', 'climate', 'youth', 'housing'];
const METHODS = ['survey', 'workshop', 'online-dialogue', 'citizens-assembly'];
const LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'];
const STATUSES = ['idea', 'planned', 'running', 'completed', 'stopped'];

/** Counts shown on the page for one facet value, e.g. ("topic", "budget") → 2000. */
function shownCount(html: string, facet: string, value: string): number {
  const m = html.match(new RegExp(`id="f-${facet}-${value}"[^>]*>\\s*<label[^>]*>[^<]*<span class="uc-count">\\((\\d+)\\)`));
  return m ? Number(m[1]) : 0; // values without cases are not shown
}

describe('use cases: the list with facets', () => {
  const t = useTestApp();

  it('when a visitor opens the list, then only published public cases are listed', async () => {
    const adm = await createAdministration(t.ctx.ds, { state: 'HB' });
    const pub = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', title: `Öffentlich ${uniq()}` });
    const net = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'network', title: `Netzwerk ${uniq()}` });
    const draft = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', published: false, title: `Entwurf ${uniq()}` });
    const res = await request(t.app).get('/use-cases?state=HB');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`/use-cases/${pub.slug}`);
    expect(res.text).not.toContain(`/use-cases/${net.slug}`);
    expect(res.text).not.toContain(`/use-cases/${draft.slug}`);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const asMember = await b.get('/use-cases?state=HB');
    expect(asMember.text).toContain(`/use-cases/${net.slug}`);
    expect(asMember.text).not.toContain(`/use-cases/${draft.slug}`);
  });

  it('when a member sorts by "similar", then the graded score orders the cases: same size and Land, same size elsewhere, then a big city in the same Land', async () => {
    const mine = await createAdministration(t.ctx.ds, { state: 'MV', population: 30_000 });
    const sameSizeSameLand = await createAdministration(t.ctx.ds, { state: 'MV', population: 28_000 });
    const sameSizeElsewhere = await createAdministration(t.ctx.ds, { state: 'SH', population: 25_000 });
    const bigCity = await createAdministration(t.ctx.ds, { state: 'MV', population: 600_000 });
    const tag = `similar-${uniq()}`;
    const a = await createUseCase(t.ctx.ds, { administrationId: bigCity.id, title: `${tag} D`, policyAreas: ['health'] });
    const b2 = await createUseCase(t.ctx.ds, { administrationId: sameSizeElsewhere.id, title: `${tag} C`, policyAreas: ['health'] });
    const c = await createUseCase(t.ctx.ds, { administrationId: sameSizeSameLand.id, title: `${tag} B`, policyAreas: ['health'] });
    const member = await createUser(t.ctx.ds, { administrationId: mine.id });
    const b = await signedIn(t.app, member);
    const res = await b.get('/use-cases?sort=similar&state=MV&state=SH&topic=health');
    const order = [c, b2, a].map((x) => res.text.indexOf(`/use-cases/${x.slug}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(res.text).toContain('★ Ähnliche Verwaltungen zuerst');
  });

  it('when 10,000 cases exist, then one request shows correct combinable facet counts with a bounded number of queries', async () => {
    // Other test files write use cases (some in Saarland) while this one runs: the generated set has a
    // department of its own, and every list below filters by it, so every count is of this set alone.
    const dept = ownDepartment();
    const adms = [
      await createAdministration(t.ctx.ds, { state: 'SL', population: 5_000 }),
      await createAdministration(t.ctx.ds, { state: 'SL', population: 45_000 }),
      await createAdministration(t.ctx.ds, { state: 'SL', population: 180_000 }),
    ];
    const author = await createUser(t.ctx.ds, { administrationId: adms[0]!.id });
    const cases = Array.from({ length: 10_000 }, (_, i) => ({
      slug: `gen-${uniq()}-${i}`,
      adm: adms[i % 3]!.id,
      topics: i % 7 === 0 ? [TOPICS[i % 5]!, TOPICS[(i + 1) % 5]!] : [TOPICS[i % 5]!],
      methods: [METHODS[i % 4]!],
      level: LEVELS[i % 5]!,
      status: STATUSES[(i * 3) % 5]!,
      visibility: i % 2 === 0 ? 'public' : 'network',
    }));
    await t.ctx.ds.query(
      `INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                              created_by_id, published, published_at, visibility)
       SELECT c.slug, 'Generiert ' || c.slug, 'Generierte Kurzbeschreibung', c.adm, $3, c.status,
              ARRAY(SELECT jsonb_array_elements_text(c.topics)), c.level, ARRAY(SELECT jsonb_array_elements_text(c.methods)),
              $2, true, now(), c.visibility
         FROM jsonb_to_recordset($1::jsonb) AS c(slug text, adm int, topics jsonb, methods jsonb, level text, status text, visibility text)`,
      [JSON.stringify(cases), author.id, dept],
    );

    const spy = jest.spyOn(t.ctx.ds, 'query');
    const res = await request(t.app).get(`/use-cases?state=SL&method=survey&method=workshop&department=${dept}`);
    const queries = spy.mock.calls.length;
    spy.mockRestore();
    expect(res.status).toBe(200);
    expect(queries).toBeLessThanOrEqual(4);

    // Visitors: public cases only. Methods OR within the facet, AND with the state.
    const visible = cases.filter((c) => c.visibility === 'public');
    const filtered = visible.filter((c) => c.methods.some((m) => m === 'survey' || m === 'workshop'));
    expect(res.text).toMatch(new RegExp(`role="status">${filtered.length.toLocaleString('de-DE')} Praxisbeispiele`));
    for (const topic of TOPICS) {
      expect(shownCount(res.text, 'topic', topic)).toBe(filtered.filter((c) => c.topics.includes(topic)).length);
    }
    for (const level of LEVELS) expect(shownCount(res.text, 'level', level)).toBe(filtered.filter((c) => c.level === level).length);
    for (const status of STATUSES) expect(shownCount(res.text, 'status', status)).toBe(filtered.filter((c) => c.status === status).length);
    // Within the method facet, the other methods keep their counts (the facet's own filter is not applied).
    for (const method of METHODS) expect(shownCount(res.text, 'method', method)).toBe(visible.filter((c) => c.methods.includes(method)).length);
    expect(shownCount(res.text, 'size', 'lt10k')).toBe(filtered.filter((c) => c.adm === adms[0]!.id).length);
    expect(shownCount(res.text, 'state', 'SL')).toBe(filtered.length);
    expect(shownCount(res.text, 'department', dept)).toBe(filtered.length);
    // The filters are in the URL of the next page.
    expect(res.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`href="/use-cases?method=survey&method=workshop&state=SL&department=${dept}&page=2"`);

    // A member sees network cases too, and combining a second facet narrows the counts.
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const both = await b.get(`/use-cases?state=SL&topic=budget&level=empower&department=${dept}`);
    const expected = cases.filter((c) => c.topics.includes('budget') && c.level === 'empower');
    expect(both.text).toMatch(new RegExp(`role="status">${expected.length.toLocaleString('de-DE')} Praxisbeispiel`));
    expect(shownCount(both.text, 'level', 'consult')).toBe(cases.filter((c) => c.topics.includes('budget') && c.level === 'consult').length);
  }, 60_000);

  it('when unknown facet values or sorts are in the URL, then they are ignored (no error)', async () => {
    const res = await request(t.app).get('/use-cases?topic=%27%3B--&sort=drop&size=huge&page=-4');
    expect(res.status).toBe(200);
  });
});
