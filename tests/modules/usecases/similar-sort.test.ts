// "Municipalities like mine" as a ranking on the use-case list. The fixed set of administrations lives
// in a database of its own, so the expected orders below are exact (no other test's cases in between).
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, uniq, type TestAdministration } from '../../support/factories.js';
import { elements, parseHtml, textOf } from '../../support/html.js';
import { createUseCase, type TestUseCase } from '../../support/usecases-factories.js';

const SET = {
  'village-by': { kind: 'municipality', population: 2_900, state: 'BY' },
  'village-nw': { kind: 'municipality', population: 3_700, state: 'NW' },
  'town-by': { kind: 'municipality', population: 12_000, state: 'BY' },
  'town-nw': { kind: 'municipality', population: 45_000, state: 'NW' },
  'city-by': { kind: 'municipality', population: 187_000, state: 'BY' },
  'city-nw': { kind: 'municipality', population: 600_000, state: 'NW' },
  'county-by': { kind: 'county', population: 90_000, state: 'BY' },
  'county-nw': { kind: 'county', population: 250_000, state: 'NW' },
  'city-state-hh': { kind: 'city_state', population: 1_800_000, state: 'HH' },
} as const;
type Key = keyof typeof SET;

/** The expected orders, written out (scores from the formula in similarity.ts, highest first). */
const EXPECTED: Record<string, Key[]> = {
  // A village of 3,200 in Bavaria: villages and small towns first, then a town of 45,000 elsewhere
  // just ahead of the Bavarian city of 187,000; the counties late.
  village: ['village-by', 'town-by', 'village-nw', 'town-nw', 'city-by', 'county-by', 'city-nw', 'city-state-hh', 'county-nw'],
  // A town of 30,000 in North Rhine-Westphalia.
  town: ['town-nw', 'village-nw', 'town-by', 'city-nw', 'city-by', 'village-by', 'county-nw', 'county-by', 'city-state-hh'],
  // A county of 120,000 in Bavaria: counties first, then what is as big in the same Land.
  county: ['county-by', 'county-nw', 'city-by', 'town-by', 'town-nw', 'city-nw', 'village-by', 'city-state-hh', 'village-nw'],
  // A city of 550,000 in Bavaria.
  bigCity: ['city-by', 'city-nw', 'town-by', 'town-nw', 'city-state-hh', 'county-by', 'county-nw', 'village-by', 'village-nw'],
  // A visitor's pick "under 10,000, Bavaria" (a municipality of 3,000).
  lt10kBY: ['village-by', 'town-by', 'village-nw', 'town-nw', 'city-by', 'county-by', 'city-nw', 'city-state-hh', 'county-nw'],
  // "A county of 50,000–100,000 in North Rhine-Westphalia".
  county50kNW: ['county-nw', 'county-by', 'town-nw', 'city-nw', 'city-by', 'village-nw', 'town-by', 'village-by', 'city-state-hh'],
  // The town of 45,000 in North Rhine-Westphalia picked as reference by its slug.
  likeTownNw: ['town-nw', 'village-nw', 'city-nw', 'town-by', 'city-by', 'village-by', 'county-nw', 'county-by', 'city-state-hh'],
};

describe('use cases: the "similar" sort ranks by the similarity score', () => {
  const env = usePrivateDatabase();
  const t = useTestApp(env);
  const adm = {} as Record<Key, TestAdministration>;
  const cases = {} as Record<Key, TestUseCase>;
  const tag = uniq('like-');

  beforeAll(async () => {
    for (const [key, a] of Object.entries(SET) as [Key, (typeof SET)[Key]][]) {
      adm[key] = await createAdministration(t.ctx.ds, { ...a, name: `${key} ${tag}` });
      cases[key] = await createUseCase(t.ctx.ds, { administrationId: adm[key].id, visibility: 'public', title: `${tag} ${key}` });
    }
    // published_at falls with the id, so "newest" lists the set in id order, unlike any expected order below.
    await t.ctx.ds.query(`UPDATE use_cases SET published_at = now() - (id::text || ' minutes')::interval WHERE title LIKE $1`, [`${tag}%`]);
  });

  /** The keys of the cards in the order the page shows them. */
  const orderIn = (html: string): Key[] =>
    (Object.keys(cases) as Key[])
      .map((k) => ({ k, at: html.indexOf(`href="/use-cases/${cases[k].slug}"`) }))
      .filter((x) => x.at > 0)
      .sort((a, b) => a.at - b.at)
      .map((x) => x.k);

  async function memberOf(a: { kind: string; population: number; state: string }) {
    const own = await createAdministration(t.ctx.ds, { ...a, name: `Referenz ${uniq()}` });
    return { own, browser: await signedIn(t.app, await createUser(t.ctx.ds, { administrationId: own.id })) };
  }

  it('when members of a village, a mid-sized town, a county and a big city sort by "similar", then each gets its fixed order', async () => {
    const refs = {
      village: { kind: 'municipality', population: 3_200, state: 'BY' },
      town: { kind: 'municipality', population: 30_000, state: 'NW' },
      county: { kind: 'county', population: 120_000, state: 'BY' },
      bigCity: { kind: 'municipality', population: 550_000, state: 'BY' },
    };
    for (const [name, ref] of Object.entries(refs)) {
      const { own, browser } = await memberOf(ref);
      const res = await browser.get('/use-cases?sort=similar');
      expect(res.status).toBe(200);
      expect({ name, order: orderIn(res.text) }).toEqual({ name, order: EXPECTED[name] });
      expect(res.text).toContain(`Sortiert nach Ähnlichkeit zu Ihrer Verwaltung (${own.name}).`);
    }
    // Without the sort the same member sees the newest first (published_at was set to fall with the id).
    const { browser } = await memberOf(refs.village);
    const newest = orderIn((await browser.get('/use-cases')).text);
    expect(newest).toEqual([...(Object.keys(SET) as Key[])].sort((a, b) => cases[a].id - cases[b].id));
    expect(newest).not.toEqual(EXPECTED.village);
  });

  it('when the list is sorted by similarity, then it takes one query more than the newest-first list (the reference), whatever the data', async () => {
    const { browser } = await memberOf({ kind: 'municipality', population: 3_200, state: 'BY' });
    await browser.get('/use-cases'); // session warmed up
    const count = async (path: string) => {
      const spy = jest.spyOn(t.ctx.ds, 'query');
      const res = await browser.get(path);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      expect(res.status).toBe(200);
      return { n, res };
    };
    const newest = await count('/use-cases?topic=budget');
    const similar = await count('/use-cases?sort=similar&topic=budget');
    expect(orderIn(similar.res.text)).toEqual(EXPECTED.village);
    expect(similar.n).toBe(newest.n + 1);
    // Twice the cases, the same number of queries.
    for (const [key, a] of Object.entries(SET)) {
      const extra = await createAdministration(t.ctx.ds, { ...a, name: `${key} extra ${uniq()}` });
      await createUseCase(t.ctx.ds, { administrationId: extra.id, visibility: 'public' });
    }
    expect((await count('/use-cases?sort=similar&topic=budget')).n).toBe(similar.n);
    await t.ctx.ds.query(`DELETE FROM use_cases WHERE title NOT LIKE $1`, [`${tag}%`]);
  });

  it('when a visitor picks a size class and Land or an administration, then the list ranks by that reference and names it', async () => {
    const bySize = await request(t.app).get('/use-cases?sort=similar&like_size=lt10k&like_state=BY');
    expect(bySize.status).toBe(200);
    expect(orderIn(bySize.text)).toEqual(EXPECTED.lt10kBY);
    expect(bySize.text).toContain('Sortiert nach Ähnlichkeit zu: Gemeinde / Stadt · unter 10.000 Einw. · Bayern.');

    const byKind = await request(t.app).get('/use-cases?sort=similar&like_size=50k-100k&like_state=NW&like_kind=county');
    expect(orderIn(byKind.text)).toEqual(EXPECTED.county50kNW);

    const bySlug = await request(t.app).get(`/use-cases?sort=similar&like=${adm['town-nw'].slug}`).set('Accept-Language', 'en');
    expect(orderIn(bySlug.text)).toEqual(EXPECTED.likeTownNw);
    expect(bySlug.text).toContain(`Sorted by similarity to town-nw ${tag}.`);
    // The picker shows the chosen administration's name; removing a filter keeps the reference.
    expect(bySlug.text).toContain(`name="like_name" type="text" value="town-nw ${tag}"`);
    const filtered = await request(t.app).get('/use-cases?sort=similar&like_size=lt10k&like_state=BY&status=completed');
    expect(orderIn(filtered.text)).toEqual(EXPECTED.lt10kBY);
    expect(filtered.text.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=')).toContain('href="/use-cases?sort=similar&like_size=lt10k&like_state=BY"');
    // The administration's profile links its "like this one" list.
    const profile = await request(t.app).get(`/administrations/${adm['town-nw'].slug}`);
    expect(profile.text.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=')).toContain(`href="/use-cases?sort=similar&like=${adm['town-nw'].slug}"`);
  });

  it('when a reader types an administration\'s name into the picker, then an exact name or a unique beginning picks it, several matches are offered as links, none is said so; the page never lists every administration', async () => {
    // Exact name, in any case.
    const exact = await request(t.app).get(`/use-cases?sort=similar&status=completed&like_name=${encodeURIComponent(`TOWN-NW ${tag}`)}`);
    expect(exact.status).toBe(200);
    expect(orderIn(exact.text)).toEqual(EXPECTED.likeTownNw);
    expect(exact.text).toContain(`Sortiert nach Ähnlichkeit zu town-nw ${tag}.`);
    // …and the link removing a filter (like the pages' links) carries it as its slug.
    expect(exact.text.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=')).toContain(`href="/use-cases?sort=similar&like=${adm['town-nw'].slug}"`);
    // A unique beginning (the name without the last two characters of its tag).
    const prefix = await request(t.app).get(`/use-cases?sort=similar&like_name=${encodeURIComponent(`city-state-hh ${tag.slice(0, -2)}`)}`);
    expect(prefix.text).toContain(`Sortiert nach Ähnlichkeit zu city-state-hh ${tag}.`);
    // The only name containing it (not at its start): "state-hh <tag>" is only city-state-hh's.
    const inside = await request(t.app).get(`/use-cases?sort=similar&like_name=${encodeURIComponent(`state-hh ${tag}`)}`);
    expect(inside.text).toContain(`Sortiert nach Ähnlichkeit zu city-state-hh ${tag}.`);
    // Several: no reference from the name; the ones containing it are offered, each a link that picks it.
    const several = await request(t.app).get(`/use-cases?sort=similar&like_name=${encodeURIComponent(`nw ${tag}`)}&status=completed`);
    expect(several.status).toBe(200);
    expect(several.text).toContain(`Mehrere Verwaltungen passen zu „nw ${tag}“`);
    const links = several.text.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    for (const key of ['village-nw', 'town-nw', 'city-nw', 'county-nw'] as Key[]) {
      expect(links).toContain(`href="/use-cases?status=completed&sort=similar&like=${adm[key].slug}"`);
    }
    expect(links).not.toContain(`like=${adm['town-by'].slug}"`);
    expect(several.text).toContain(`value="nw ${tag}"`); // what was typed stays in the field
    expect(several.text).toContain('Um nach Ähnlichkeit zu sortieren');
    // None, and characters that mean something to LIKE are taken literally.
    const none = await request(t.app).get(`/use-cases?sort=similar&like_name=${encodeURIComponent('%_\\')}`);
    expect(none.status).toBe(200);
    expect(none.text).toContain('Keine Verwaltung heißt „%_\\“.');
    // No select of administrations at all.
    expect(exact.text).not.toMatch(/<option value="[^"]*"[^>]*>[^<]*town-by/);
  });

  it('when a member with an administration picks another reference, then the pick wins over their own', async () => {
    const { browser } = await memberOf({ kind: 'municipality', population: 3_200, state: 'BY' });
    const res = await browser.get(`/use-cases?sort=similar&like=${adm['town-nw'].slug}`);
    expect(orderIn(res.text)).toEqual(EXPECTED.likeTownNw);
    expect(res.text).toContain(`Sortiert nach Ähnlichkeit zu town-nw ${tag}.`);
  });

  it('when the reference values are unknown, then they are ignored: a visitor gets the newest first and a hint, a member their own administration', async () => {
    const res = await request(t.app).get("/use-cases?sort=similar&like=no-such-administration&like_size=huge&like_state=XX&like_kind=castle&like[]=x");
    expect(res.status).toBe(200);
    expect(orderIn(res.text)).toEqual([...(Object.keys(SET) as Key[])].sort((a, b) => cases[a].id - cases[b].id));
    expect(res.text).toContain('Um nach Ähnlichkeit zu sortieren');
    expect(res.text).not.toContain('Sortiert nach Ähnlichkeit');
    const odd = await request(t.app).get("/use-cases?sort=similar&like=%27%3B--&like_state=by");
    expect(odd.status).toBe(200);

    const { browser } = await memberOf({ kind: 'county', population: 120_000, state: 'BY' });
    const member = await browser.get('/use-cases?sort=similar&like=no-such-administration&like_size=huge');
    expect(orderIn(member.text)).toEqual(EXPECTED.county);
  });

  it('when sorted by similarity, then every card says why its administration is alike; other sorts show no reason', async () => {
    const { browser } = await memberOf({ kind: 'county', population: 120_000, state: 'BY' });
    const res = await browser.get('/use-cases?sort=similar');
    const reasonOf = (html: string, key: Key) => {
      const card = elements(parseHtml(html), 'li').find((li) => li.attribs.class?.includes('uc-card') && textOf(li).includes(`${tag} ${key}`));
      const p = card && elements(card, 'p').find((e) => e.attribs.class?.includes('uc-similar-reason'));
      return p ? textOf(p).trim() : null;
    };
    expect(reasonOf(res.text, 'county-by')).toBe('Ähnlich: Ähnliche Größe, gleiches Bundesland, auch ein Landkreis');
    expect(reasonOf(res.text, 'county-nw')).toBe('Ähnlich: Ähnliche Größe, auch ein Landkreis');
    expect(reasonOf(res.text, 'town-by')).toBe('Ähnlich: Vergleichbare Größe, gleiches Bundesland, verwandte Verwaltungsart (Gemeinde / Stadt)');
    expect(reasonOf(res.text, 'city-state-hh')).toBe('Ähnlich: Verwandte Verwaltungsart (Stadtstaat)');
    const en = await request(t.app).get('/use-cases?sort=similar&like_size=lt10k&like_state=BY').set('Accept-Language', 'en');
    expect(reasonOf(en.text, 'village-by')).toBe('Alike: Similar size, same Land, also a municipality');
    expect(reasonOf(en.text, 'city-nw')).toBe('Alike: Also a municipality');
    const plain = await browser.get('/use-cases');
    expect(reasonOf(plain.text, 'county-by')).toBeNull();
  });

  it('when a member opens a use case, then "we want this too" and the contacts come before the facts and the narrative', async () => {
    const uc = cases['town-by'];
    await t.ctx.ds.query(
      `UPDATE use_cases SET narrative = '{"situation": "Ausgangslage"}', narrative_html = '{"situation": "<p>Ausgangslage</p>"}' WHERE id = $1`, [uc.id]);
    const { browser } = await memberOf({ kind: 'municipality', population: 3_200, state: 'BY' });
    const res = await browser.get(`/use-cases/${uc.slug}`);
    expect(res.status).toBe(200);
    const at = (needle: string) => {
      const i = res.text.indexOf(needle);
      expect({ needle, found: i > 0 }).toEqual({ needle, found: true });
      return i;
    };
    const adoption = at(`action="/use-cases/${uc.slug}/adoption"`);
    const contacts = at('id="contacts"');
    const facts = at('id="facts"');
    const narrative = at('id="section-situation"');
    const comments = at('id="comments"');
    expect(adoption).toBeLessThan(facts);
    expect(contacts).toBeLessThan(facts);
    expect(facts).toBeLessThan(narrative);
    expect(narrative).toBeLessThan(comments);
    // Moved, not copied: every id once.
    const ids = elements(parseHtml(res.text)).map((e) => e.attribs.id).filter(Boolean);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
