// "Like mine" on /search: PostgreSQL ranks the use-case hits by the similarity score (Land and size
// class; the index holds no kind); Meilisearch (only when MEILI_URL is set) cannot sort by a computed
// score and keeps the use cases of the reference's Land or a neighbouring size class instead.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { SearchResult } from '../../../src/modules/search/search.engine.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { doc, enginesUnderTest, useEngineUnderTest } from '../../support/search-factories.js';

const WORD = 'Zukunftswerkstatt';
const at = (state: string, sizeClass: string, n: number) => doc({
  id: `use_case:${n}`, title: `${WORD} ${state} ${sizeClass}`, body: 'Beteiligung vor Ort.', state, sizeClass, administration: `Verwaltung ${n}`,
  // The newest is the least similar to the village below: the order cannot come from the date.
  updatedAt: new Date(Date.UTC(2026, 0, n)).toISOString(),
});
const corpus = [
  at('BY', 'lt10k', 1),
  at('BY', '10k-20k', 2),
  at('NW', 'lt10k', 3),
  at('BY', '100k-500k', 4),
  at('NW', '20k-50k', 5),
  at('NW', 'gt500k', 6),
  doc({ id: 'thread:7', title: `${WORD} im Forum`, body: 'Frage', updatedAt: '2026-02-01T00:00:00.000Z' }),
];
const village = { kind: 'municipality', population: 3_200, state: 'BY' };
const ids = (r: SearchResult) => r.hits.map((h) => h.id);

for (const under of enginesUnderTest()) {
  describe(`search "like mine": ${under.name}`, () => {
    const sut = useEngineUnderTest(under, corpus);

    it('when a village searches with sort "similar", then the use cases come by similarity to it', async () => {
      const r = await sut.engine.search({ q: WORD, audience: 'member', sort: 'similar', like: village });
      if (under.name === 'postgres') {
        // Scores: BY lt10k 0.99 · NW lt10k 0.84 · BY 10-20k 0.84 · NW 20-50k 0.6 · BY 100-500k 0.54 · NW >500k 0.35; other hits after.
        expect(ids(r)).toEqual(['use_case:1', 'use_case:3', 'use_case:2', 'use_case:5', 'use_case:4', 'use_case:6', 'thread:7']);
      } else {
        // Meilisearch: a filter (the village's Land, or size classes up to 20,000), by relevance.
        expect(ids(r).sort()).toEqual(['use_case:1', 'use_case:2', 'use_case:3', 'use_case:4']);
      }
      const newest = await sut.engine.search({ q: WORD, audience: 'member', sort: 'date' });
      expect(ids(newest)[0]).toBe('thread:7');
    });

    it('when there is no text, then "similar" still ranks (PostgreSQL) or filters (Meilisearch) the use cases', async () => {
      const r = await sut.engine.search({ q: '', audience: 'member', sort: 'similar', like: { kind: 'municipality', population: 1_000_000, state: 'NW' }, filters: { type: ['use_case'] } });
      if (under.name === 'postgres') expect(ids(r).slice(0, 3)).toEqual(['use_case:6', 'use_case:4', 'use_case:5']); // 1.0 · BY 100-500k 0.69 · NW 20-50k 0.63
      else expect(ids(r)).toContain('use_case:6');
    });
  });
}

describe('search page: the "like mine" option', () => {
  const t = useTestApp();

  it('when a visitor picks "similar" without a reference, then the page asks for one and unknown values are ignored', async () => {
    const res = await request(t.app).get('/search?q=Beteiligung&sort=similar&like_size=huge&like_state=XX');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Praxisbeispiele ähnlicher Verwaltungen zuerst');
    expect(res.text).toContain('Wählen Sie eine Größenklasse oder ein Bundesland');
    const picked = await request(t.app).get('/search?q=Beteiligung&sort=similar&like_size=lt10k&like_state=BY');
    expect(picked.status).toBe(200);
    expect(picked.text).not.toContain('Wählen Sie eine Größenklasse oder ein Bundesland');
    expect(picked.text).toMatch(/<option value="lt10k" selected>/);
  });

  it('when a member with an administration picks "similar", then their administration is the reference', async () => {
    const adm = await createAdministration(t.ctx.ds, { population: 3_000, state: 'BY' });
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { administrationId: adm.id }));
    const res = await b.get('/search?q=Beteiligung&sort=similar');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Wählen Sie eine Größenklasse oder ein Bundesland');
  });
});
