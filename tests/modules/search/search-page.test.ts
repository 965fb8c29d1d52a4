// The search page and the suggestion endpoint, on the configured engine (PostgreSQL in tests).
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { knowledgeGaps, searchEngine, similarThreads } from '../../../src/modules/search/index.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { doc, nextId } from '../../support/search-factories.js';

/** The page without the <mark> highlights. */
const page = (res: { text: string }) => res.text.replace(/<\/?mark>/g, '');

/** Handlebars escapes "=" in attributes as &#x3D;. */
const html = (text: string) => text.replace(/&#x3D;/g, '=');

/** A made-up word no other test uses (letters only, so stemming treats it as a word). */
const word = () => `quor${Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

describe('search page', () => {
  const t = useTestApp();
  const engine = () => searchEngine(t.ctx);

  async function corpus(w: string) {
    const ids = { uc: nextId(), thread: nextId(), guide: nextId() };
    await engine().index([
      doc({ id: `use_case:${ids.uc}`, title: `Bürgerhaushalt ${w}`, body: `Bericht über ${w} in der Stadt.`, administration: 'Musterstadt', state: 'BY', url: `/use-cases/${ids.uc}`, updatedAt: '2026-02-01T00:00:00.000Z' }),
      doc({ id: `thread:${ids.thread}`, title: `Interne Frage zu ${w}`, body: `Nur für das Netzwerk: ${w}.`, visibility: 'network', url: `/forum/t/${ids.thread}`, updatedAt: '2026-03-01T00:00:00.000Z' }),
      doc({ id: `guide_chapter:${ids.guide}`, title: `Leitfaden ${w}`, body: `Ein Kapitel über ${w} und <b>mehr</b>.`, url: `/guides/g/${ids.guide}`, updatedAt: '2026-01-01T00:00:00.000Z' }),
    ]);
    return ids;
  }

  it('when a visitor searches, then public results show with excerpts and facet counts, and network ones do not', async () => {
    const w = word();
    await corpus(w);
    const res = await new Browser(t.app).get(`/search?q=${w}`);
    expect(res.status).toBe(200);
    expect(page(res)).toContain(`Bürgerhaushalt ${w}`);
    expect(page(res)).toContain(`Leitfaden ${w}`);
    expect(page(res)).not.toContain(`Interne Frage zu ${w}`);
    expect(res.text).toContain(`<mark>${w}</mark>`); // in titles and excerpts
    expect(res.text).not.toContain('<b>mehr');
    expect(res.text).toContain('2 Ergebnisse');
    expect(res.text).toMatch(/Praxisbeispiel <span class="search-facet__count">\(1\)<\/span>/);
    expect(res.text).not.toMatch(/Frage\/Diskussion <span/);
    expect(res.text).toMatch(new RegExp(`id="site-search-q" name="q" type="search" value="${w}"`));
  });

  it('when a query matches documents of many administrations, then the facet lists the 10 most frequent, any ticked one besides, and "show all" lists every one', async () => {
    const w = word();
    // 14 administrations: "Stadt 00" with 15 documents … "Stadt 13" with 2 (counts 15 down to 2).
    const names = Array.from({ length: 14 }, (_, i) => `Stadt ${String(i).padStart(2, '0')} ${w}`);
    await engine().index(names.flatMap((name, i) => Array.from({ length: 15 - i }, () => {
      const id = nextId();
      return doc({ id: `use_case:${id}`, title: `Fall ${w}`, body: `${w}`, administration: name, url: `/use-cases/${id}` });
    })));
    const boxes = (text: string) => [...html(text).matchAll(/name="administration" value="([^"]+)"/g)].map((m) => m[1]);
    const res = await new Browser(t.app).get(`/search?q=${w}`);
    expect(res.status).toBe(200);
    expect(boxes(res.text)).toEqual(names.slice(0, 10));
    const showAll = /<a class="kern-link" href="([^"]+)">Alle 14 anzeigen \(Verwaltung\)<\/a>/.exec(html(res.text).replace(/&amp;/g, '&'));
    expect(showAll).not.toBeNull();
    expect(showAll![1]).toBe(`/search?q=${w}&more=administration#facet-administration`);

    const all = await new Browser(t.app).get(showAll![1]!.replace(/#.*$/, ''));
    expect(boxes(all.text)).toEqual(names);
    expect(html(all.text)).toContain(`href="/search?q=${w}#facet-administration">Weniger anzeigen (Verwaltung)</a>`);

    // A ticked value beyond the first 10 stays listed (and ticked); the others stay hidden.
    const ticked = await new Browser(t.app).get(`/search?q=${w}&administration=${encodeURIComponent(names[12]!)}`);
    expect(boxes(ticked.text)).toContain(names[12]);
    expect(boxes(ticked.text).length).toBeLessThanOrEqual(11);
    expect(html(ticked.text)).toMatch(new RegExp(`value="${names[12]}" checked`));
    const mixed = await new Browser(t.app).get(`/search?q=${w}&state=BY&administration=${encodeURIComponent(names[12]!)}&more=nonsense`);
    expect(mixed.status).toBe(200);
  });

  it('when a member searches, then network results are included', async () => {
    const w = word();
    await corpus(w);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const res = await b.get(`/search?q=${w}`);
    expect(page(res)).toContain(`Interne Frage zu ${w}`);
    expect(res.text).toContain('3 Ergebnisse');
  });

  it('when a facet is chosen, then only matching results show, the box stays ticked and paging keeps the filter', async () => {
    const w = word();
    const ids = Array.from({ length: 23 }, () => nextId());
    await engine().index(ids.map((id, i) => doc({ id: `use_case:${id}`, title: `Fall ${i} ${w}`, state: i % 2 ? 'NW' : 'BY' })));
    await engine().index([doc({ id: `course:${nextId()}`, title: `Kurs ${w}` })]);
    const res = await new Browser(t.app).get(`/search?q=${w}&type=use_case`);
    expect(res.text).toContain('23 Ergebnisse');
    expect(page(res)).not.toContain(`Kurs ${w}`);
    expect(res.text).toMatch(/name="type" value="use_case" checked/);
    expect(html(res.text)).toContain(`href="/search?q=${w}&amp;type=use_case&amp;page=2"`);
    const page2 = await new Browser(t.app).get(`/search?q=${w}&type=use_case&page=2`);
    expect((page2.text.match(/class="search-hit"/g) ?? []).length).toBe(3);
    const both = await new Browser(t.app).get(`/search?q=${w}&type=use_case&state=NW`);
    expect(page(both)).toContain('11 Ergebnisse');
  });

  it('when a word has a typo, then the corrected word is found and the correction is shown', async () => {
    const w = word();
    await corpus(w);
    const res = await new Browser(t.app).get(`/search?q=${encodeURIComponent(`Bürgerhaushlat ${w}`)}`);
    expect(page(res)).toContain(`Bürgerhaushalt ${w}`);
    expect(res.text).toContain('Ergebnisse auch für „bürgerhaushalt“ statt „bürgerhaushlat“.');
  });

  it('when sorting by date, then the newest result comes first', async () => {
    const w = word();
    await corpus(w);
    const res = await new Browser(t.app).get(`/search?q=${w}&sort=date`);
    expect(page(res).indexOf(`Bürgerhaushalt ${w}`)).toBeLessThan(page(res).indexOf(`Leitfaden ${w}`));
    expect(res.text).toMatch(/<option value="date" selected>/);
  });

  it('when nothing is found, then "ask the network" links to a pre-filled question and the query is counted anonymously', async () => {
    const w = word();
    const q = `Wie ${w} finanzieren`;
    const res = await new Browser(t.app).get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Keine Treffer');
    expect(html(res.text)).toContain(`href="/forum/new?title=Wie+${w}+finanzieren"`);
    await new Browser(t.app).get(`/search?q=${encodeURIComponent(`  wie ${w.toUpperCase()}   finanzieren `)}`);
    const rows = await t.ctx.ds.query(`SELECT * FROM search_zero_results WHERE query = $1`, [`wie ${w} finanzieren`]);
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(2);
    expect(Object.keys(rows[0]).sort()).toEqual(['count', 'day', 'query']);
  });

  it('when a search with filters finds nothing, then it is not counted as a knowledge gap', async () => {
    const w = word();
    await new Browser(t.app).get(`/search?q=${w}&type=course`);
    expect(await t.ctx.ds.query(`SELECT 1 FROM search_zero_results WHERE query = $1`, [w])).toHaveLength(0);
  });

  it('when the page is opened without a query, then only the form shows', async () => {
    const res = await new Browser(t.app).get('/search');
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="search-q"');
    expect(res.text).not.toContain('Keine Treffer');
    expect(res.text).not.toContain('Dieser Bereich wird gerade aufgebaut');
  });

  it('when odd query parameters are sent, then the page still answers', async () => {
    const res = await new Browser(t.app).get('/search?q=test&page=-3&sort=evil&type[x]=1');
    expect(res.status).toBe(200);
  });

  it('when typing in the header, then suggestions come as JSON and respect permissions', async () => {
    const w = word();
    await corpus(w);
    const prefix = w.slice(0, 8);
    const visitor = await new Browser(t.app).get(`/search/suggest?q=${prefix}`);
    expect(visitor.status).toBe(200);
    const titles = (visitor.body.suggestions as { title: string }[]).map((s) => s.title).sort();
    expect(titles).toEqual([`Bürgerhaushalt ${w}`, `Leitfaden ${w}`]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const member = await b.get(`/search/suggest?q=${prefix}`);
    expect((member.body.suggestions as { title: string }[]).map((s) => s.title)).toContain(`Interne Frage zu ${w}`);
    expect((await new Browser(t.app).get('/search/suggest?q=a')).body).toEqual({ suggestions: [] });
  });

  it('when facets are shown, then topics, methods, Länder and size classes carry their labels in the page language, never the raw keys', async () => {
    const w = word();
    await engine().index([doc({
      id: `use_case:${nextId()}`, title: `Haushalt ${w}`, topics: ['budget'], methods: ['participatory-budget'], state: 'BB', sizeClass: '100k-500k',
      administration: 'Musterstadt', url: `/use-cases/${w}`,
    })]);
    const de = await new Browser(t.app).get(`/search?q=${w}`);
    for (const label of ['Haushalt und Finanzen', 'Bürgerhaushalt / Bürgerbudget', 'Brandenburg', '100.000–500.000 Einw.', 'Musterstadt']) {
      expect(de.text).toMatch(new RegExp(`>${label} <span class="search-facet__count">\\(1\\)</span>`));
    }
    for (const key of ['budget', 'participatory-budget', 'BB', '100k-500k']) {
      expect(de.text).not.toMatch(new RegExp(`>${key} <span class="search-facet__count">`));
    }
    const en = await new Browser(t.app).get(`/search?q=${w}`).set('Accept-Language', 'en');
    expect(en.text).toMatch(/>Budget and finance <span class="search-facet__count">/);
    expect(en.text).toMatch(/>Participatory budget <span class="search-facet__count">/);
    // A ticked value is still sent as its key.
    const ticked = await new Browser(t.app).get(`/search?q=${w}&state=BB`);
    expect(html(ticked.text)).toMatch(/name="state" value="BB"[^>]*checked/);
  });

  it('when a thread and its replies match while typing, then the thread is suggested once, with a type label on each suggestion', async () => {
    const w = word();
    const thread = nextId();
    const uc = nextId();
    await engine().index([
      doc({ id: `thread:${thread}`, title: `Frage ${w}`, url: `/forum/t/${thread}-frage` }),
      doc({ id: `reply:${nextId()}`, title: `Frage ${w}`, url: `/forum/t/${thread}-frage#reply-1` }),
      doc({ id: `reply:${nextId()}`, title: `Frage ${w}`, url: `/forum/t/${thread}-frage#reply-2` }),
      doc({ id: `use_case:${uc}`, title: `Fall ${w}`, url: `/use-cases/${uc}`, language: 'en' }),
    ]);
    const res = await new Browser(t.app).get(`/search/suggest?q=${w.slice(0, 9)}`);
    const list = res.body.suggestions as { title: string; url: string; type: string; typeLabel: string }[];
    expect(list.map((s) => s.url).sort()).toEqual([`/forum/t/${thread}-frage`, `/use-cases/${uc}`]);
    expect(list.find((s) => s.url === `/forum/t/${thread}-frage`)).toMatchObject({ type: 'thread', typeLabel: 'Frage/Diskussion', language: 'de' });
    // Each title carries its language, for the script to mark it (WCAG 3.1.2).
    expect(list.find((s) => s.url === `/use-cases/${uc}`)).toMatchObject({ type: 'use_case', typeLabel: 'Praxisbeispiel', language: 'en' });
    const en = await new Browser(t.app).get(`/search/suggest?q=${w.slice(0, 9)}`).set('Accept-Language', 'en');
    expect((en.body.suggestions as { typeLabel: string }[]).map((s) => s.typeLabel).sort()).toEqual(['Question/discussion', 'Use case'].sort());
  });

  it('when the forum asks for similar questions, then only threads the reader may see come back', async () => {
    const w = word();
    const ids = await corpus(w);
    expect(await similarThreads(t.ctx, `Frage ${w}`, 'visitor')).toEqual([]);
    expect((await similarThreads(t.ctx, `Frage ${w}`, 'member')).map((h) => h.id)).toEqual([`thread:${ids.thread}`]);
  });

  it('when zero-result queries were counted, then the knowledge gaps list them by frequency', async () => {
    const [a, b] = [word(), word()];
    for (const q of [a, a, a, b]) await new Browser(t.app).get(`/search?q=${q}`);
    const gaps = await knowledgeGaps(t.ctx.ds, { limit: 1000 });
    expect(gaps.find((g) => g.query === a)).toEqual({ query: a, searches: 3, days: 1 });
    expect(gaps.findIndex((g) => g.query === a)).toBeLessThan(gaps.findIndex((g) => g.query === b));
  });

  it('when the engine health is asked, then it answers without details', async () => {
    const res = await new Browser(t.app).get('/search/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ engine: 'postgres', status: 'ok' });
  });

  it('when the layout is rendered, then the search script is loaded', async () => {
    const res = await new Browser(t.app).get('/');
    expect(res.text).toContain('<script src="/js/search.js" defer></script>');
  });
});
