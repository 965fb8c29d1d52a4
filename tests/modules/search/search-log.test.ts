// The search log behind the dashboard's knowledge gaps: one row per search with a query (signed in:
// the member; visitors: none), not for suggestions, later pages, facet filters or a re-sort; a result
// opened from the results page (Referer) marks the search as opened; the member's searches are in
// their data download and lose the member at account deletion. Each test searches its own made-up words.
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { searchEngine } from '../../../src/modules/search/index.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, PASSWORD } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';
import { doc, nextId } from '../../support/search-factories.js';

/** A made-up word no other test uses (letters only). */
const word = () => `logw${Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

describe('search log', () => {
  const t = useTestApp();
  const logOf = (query: string) =>
    t.ctx.ds.query(`SELECT query, results, user_id AS "userId", opened_at AS "openedAt" FROM search_log WHERE query = $1 ORDER BY id`, [query]);
  const origin = () => t.ctx.config.baseUrl;

  it('when a member and a visitor search, then each search is one row with its result count, the member named and the visitor not', async () => {
    const w = word();
    await searchEngine(t.ctx).index([doc({ id: `use_case:${nextId()}`, title: `Fall ${w}` }), doc({ id: `use_case:${nextId()}`, title: `Bericht ${w}` })]);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const res = await b.get(`/search?q=${encodeURIComponent(`  ${w.toUpperCase()} `)}`);
    expect(res.status).toBe(200);
    expect(res.headers['referrer-policy']).toBe('same-origin');
    await new Browser(t.app).get(`/search?q=${w}`);
    const none = `${word()} nirgends`;
    await new Browser(t.app).get(`/search?q=${encodeURIComponent(none)}`);
    expect(await logOf(w)).toEqual([
      { query: w, results: 2, userId: member.id, openedAt: null },
      { query: w, results: 2, userId: null, openedAt: null },
    ]);
    expect(await logOf(none)).toEqual([{ query: none, results: 0, userId: null, openedAt: null }]);
    // A search that found nothing is also counted in the anonymous zero-result day counts.
    expect(await t.ctx.ds.query(`SELECT count FROM search_zero_results WHERE query = $1`, [none])).toEqual([{ count: 1 }]);
  });

  it('when suggestions, a second page, a facet filter, an empty query or a re-sort of the same results are asked, then nothing is logged', async () => {
    const w = word();
    await searchEngine(t.ctx).index(Array.from({ length: 12 }, (_, i) => doc({ id: `use_case:${nextId()}`, title: `Fall ${i} ${w}` })));
    const b = new Browser(t.app);
    expect((await b.get(`/search/suggest?q=${w}`)).status).toBe(200);
    await b.get(`/search?q=${w}&page=2`);
    await b.get(`/search?q=${w}&type=use_case`);
    await b.get('/search?q=');
    expect(await logOf(w)).toEqual([]);
    await b.get(`/search?q=${w}`);
    await b.get(`/search?q=${w}&sort=date`).set('Referer', `${origin()}/search?q=${w}`);
    // From another site, the same query is a new search.
    await b.get(`/search?q=${w}`).set('Referer', `https://elsewhere.example/search?q=${w}`);
    expect(await logOf(w)).toHaveLength(2);
  });

  it('when a result is opened from the results page, then the newest unopened search is marked; not from another site, a foreign query or /search itself', async () => {
    const w = word();
    const category = await createCategory(t.ctx.ds, { isPublic: true });
    const thread = await createThread(t.ctx.ds, { category, title: `Frage ${w}` });
    const url = `/forum/threads/${thread.id}-${thread.slug}`;
    await searchEngine(t.ctx).index([doc({ id: `thread:${thread.id}`, title: `Frage ${w}`, url })]);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const visitor = new Browser(t.app);
    await b.get(`/search?q=${w}`);
    await visitor.get(`/search?q=${w}`);

    await b.get(url).set('Referer', `https://elsewhere.example/search?q=${w}`);
    await b.get(url).set('Referer', `${origin()}/search?q=${w}x`);
    await b.get(`/search/suggest?q=${w}`).set('Referer', `${origin()}/search?q=${w}`);
    await b.get('/forum').set('Referer', `${origin()}/search?q=${w}`);
    expect((await logOf(w)).map((r: { openedAt: Date | null }) => r.openedAt)).toEqual([null, null]);

    const opened = await b.get(url).set('Referer', `${origin()}/search?q=${w.toUpperCase()}&page=1`);
    expect(opened.status).toBe(200);
    const [mine, theirs] = await logOf(w);
    expect(mine.openedAt).toBeInstanceOf(Date);
    expect(theirs.openedAt).toBeNull();
    // The visitor's search is the visitor's to open.
    await visitor.get(url).set('Referer', `${origin()}/search?q=${w}`);
    expect((await logOf(w))[1].openedAt).toBeInstanceOf(Date);
  });

  it('when a member downloads their data and then deletes the account, then their searches are in the download and stay without them', async () => {
    const w = word();
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    await b.get(`/search?q=${w}`);
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.search.searches).toEqual([expect.objectContaining({ query: w, results: 0, openedAt: null })]);

    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete');
    expect(res.status).toBe(200);
    expect(await logOf(w)).toEqual([{ query: w, results: 0, userId: null, openedAt: null }]);
  });
});
