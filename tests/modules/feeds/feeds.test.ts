// Feeds (/feeds/<path>.rss|.atom): every feed is read by a real feed parser (rss-parser) and checked
// for well-formed XML (fast-xml-parser's validator), RFC 822 / RFC 3339 dates, stable tag: GUIDs and
// sanitised HTML; per content type, network-only content is never in the public feed, is in the feed
// of a read:network token and not in that of a read:public token; refused tokens get 401; the session
// cookie never opens the private feed; ETag gives 304; the pages carry autodiscovery links.
import { describe, expect, it } from '@jest/globals';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { inTransaction } from '../../../src/db/transaction.js';
import { renderMarkdown } from '../../../src/shared/markdown.js';
import { lockGuide, proposeRevision, publishRevision } from '../../../src/modules/guides/guides.store.js';
import { createToken } from '../../../src/modules/tokens/tokens.service.js';
import type { Scope } from '../../../src/modules/tokens/index.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createEvent, createGroup } from '../events/core-factories.js';
import { elements, parseHtml } from '../../support/html.js';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TAG = /^tag:praxis\.test,2025:[a-z-]+\/\d+$/;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name, jpath) => ['rss.channel.item', 'rss.channel.item.category', 'feed.entry', 'feed.entry.category', 'feed.entry.link'].includes(String(jpath)) });
const parser = new Parser();

interface Entry { guid: string; title: string; link: string; date: string; html: string; categories: string[] }

/** Reads a feed: well-formed, parsed by rss-parser, dates in the format's form; its entries from the XML. */
async function readFeed(text: string, format: 'rss' | 'atom'): Promise<{ title: string; entries: Entry[]; language: string }> {
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = await parser.parseString(text);
  const doc = xml.parse(text);
  const textOf = (v: unknown): string => (typeof v === 'object' && v !== null ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v ?? ''));
  if (format === 'rss') {
    const ch = doc.rss.channel;
    expect(doc.rss['@version']).toBe('2.0');
    expect(ch.lastBuildDate).toMatch(RFC822);
    const entries = (ch.item ?? []).map((i: Record<string, unknown>) => {
      expect(i.pubDate).toMatch(RFC822);
      return { guid: textOf(i.guid), title: textOf(i.title), link: textOf(i.link), date: String(i.pubDate), html: textOf(i.description), categories: ((i.category as unknown[]) ?? []).map(textOf) };
    });
    expect(parsed.items.map((i) => i.guid)).toEqual(entries.map((e: Entry) => e.guid));
    return { title: parsed.title!, entries, language: ch.language };
  }
  const f = doc.feed;
  expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(f.updated).toMatch(RFC3339);
  const entries = (f.entry ?? []).map((e: Record<string, unknown>) => {
    expect(e.published).toMatch(RFC3339);
    expect(e.updated).toMatch(RFC3339);
    const link = (e.link as Record<string, string>[]).find((l) => l['@rel'] === 'alternate')!['@href']!;
    return { guid: textOf(e.id), title: textOf(e.title), link, date: String(e.published), html: textOf(e.content), categories: ((e.category as Record<string, string>[]) ?? []).map((c) => c['@term']!) };
  });
  expect(parsed.items.map((i) => i.id)).toEqual(entries.map((e: Entry) => e.guid));
  return { title: parsed.title!, entries, language: f['@xml:lang'] };
}

/** No element of the HTML content is a script (or carries an event handler). */
function expectSanitised(html: string): void {
  const all = elements(parseHtml(html));
  expect(all.filter((e) => e.name === 'script')).toEqual([]);
  expect(all.filter((e) => Object.keys(e.attribs).some((a) => a.startsWith('on')))).toEqual([]);
}

describe('feeds: RSS and Atom', () => {
  const t = useTestApp();
  const get = (path: string) => request(t.app).get(path);
  const tokenFor = async (userId: number, scopes: Scope[]) => (await createToken(t.ctx, userId, { name: uniq('Feed '), scopes, expiry: '90' })).token;

  /** Both formats of a feed, each well-formed and parsed; the entries' GUIDs must be the same in both. */
  async function both(path: string, token?: string) {
    const [base, query] = path.split('?');
    const suffix = `${query ? `?${query}` : ''}${token ? `${query ? '&' : '?'}token=${token}` : ''}`;
    const rssRes = await get(`/feeds/${base}.rss${suffix}`);
    const atomRes = await get(`/feeds/${base}.atom${suffix}`);
    expect(rssRes.status).toBe(200);
    expect(atomRes.status).toBe(200);
    expect(rssRes.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(atomRes.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const rss = await readFeed(rssRes.text, 'rss');
    const atom = await readFeed(atomRes.text, 'atom');
    expect(atom.entries.map((e) => e.guid)).toEqual(rss.entries.map((e) => e.guid));
    for (const e of [...rss.entries, ...atom.entries]) {
      expect(e.guid).toMatch(TAG);
      expect(e.link.startsWith('http://praxis.test/')).toBe(true);
      expectSanitised(e.html);
    }
    return { rss, atom, raw: { rss: rssRes.text, atom: atomRes.text } };
  }
  const titles = (f: { entries: Entry[] }) => f.entries.map((e) => e.title);

  it('when use cases are published, then the feed lists public ones (sanitised, with the list filters), network ones only for a read:network token', async () => {
    const member = await createUser(t.ctx.ds);
    const pub = await createUseCase(t.ctx.ds, { visibility: 'public', title: `Öffentlich <script>alert(1)</script> ${uniq()}`, policyAreas: ['budget'] });
    const net = await createUseCase(t.ctx.ds, { visibility: 'network', title: `Nur Netzwerk ${uniq()}`, policyAreas: ['budget'] });
    const draft = await createUseCase(t.ctx.ds, { visibility: 'public', published: false, title: `Entwurf ${uniq()}` });
    await t.ctx.ds.query(`UPDATE use_cases SET summary = 'Kurz <script>alert(2)</script> & gut' WHERE id = $1`, [pub.id]);
    const [pubTitle] = (await t.ctx.ds.query(`SELECT title FROM use_cases WHERE id = $1`, [pub.id])).map((r: { title: string }) => r.title);
    const [netTitle] = (await t.ctx.ds.query(`SELECT title FROM use_cases WHERE id = $1`, [net.id])).map((r: { title: string }) => r.title);

    const visitor = await both('use-cases');
    for (const f of [visitor.rss, visitor.atom]) {
      const entry = f.entries.find((e) => e.guid === `tag:praxis.test,2025:use-case/${pub.id}`)!;
      expect(entry.title).toBe(pubTitle); // the title is text: its "<script>" is characters, not a tag
      expect(entry.link).toBe(`http://praxis.test/use-cases/${pub.slug}`);
      expect(entry.html).toContain('Kurz &lt;script&gt;alert(2)&lt;/script&gt; &amp; gut');
      expect(titles(f)).not.toContain(netTitle);
      expect(f.entries.some((e) => e.guid.endsWith(`:use-case/${draft.id}`))).toBe(false);
      expect(f.language).toBe('de');
    }
    expect(visitor.raw.rss).not.toContain('<script');
    expect(visitor.raw.atom).not.toContain('<script');

    const network = await both('use-cases', await tokenFor(member.id, ['read:network']));
    expect(titles(network.rss)).toEqual(expect.arrayContaining([pubTitle, netTitle]));
    expect(titles(network.atom)).toEqual(expect.arrayContaining([pubTitle, netTitle]));
    const publicToken = await both('use-cases', await tokenFor(member.id, ['read:public']));
    expect(titles(publicToken.rss)).toContain(pubTitle);
    expect(titles(publicToken.rss)).not.toContain(netTitle);

    // The list's filters: a topic the case has, one it has not, and an unknown value (400, as the exports).
    const other = await createUseCase(t.ctx.ds, { visibility: 'public', title: `Klima ${uniq()}`, policyAreas: ['climate'] });
    const budget = await both('use-cases?topic=budget');
    expect(budget.rss.entries.some((e) => e.guid.endsWith(`:use-case/${pub.id}`))).toBe(true);
    expect(budget.rss.entries.some((e) => e.guid.endsWith(`:use-case/${other.id}`))).toBe(false);
    const bad = await get('/feeds/use-cases.rss?topic=gibt-es-nicht');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.detail).toContain('gibt-es-nicht');
  });

  it('when a guide is published and then updated, then the feed has both, a draft never, and the GUIDs stay the same between fetches', async () => {
    const guide = await createGuide(t.ctx.ds, { title: `Leitfaden ${uniq()}` });
    const draft = await createGuide(t.ctx.ds, { title: `Entwurf ${uniq()}`, publish: false });
    const updateId = await inTransaction(t.ctx.ds, async (db) => {
      const g = await lockGuide(db, { id: guide.id });
      const chapters = guide.chapters.map((c) => ({ uid: `c-${c.slug}`, slug: c.slug, title: c.title, source: `${c.body} Neu.`, html: renderMarkdown(`${c.body} Neu.`), sourceUrl: null, sourceTitle: null }));
      const rev = await proposeRevision(db, g, { title: guide.title, summary: 'Jetzt mit <b>mehr</b>.', tags: ['test'], ownerId: guide.owner.id, reviewIntervalMonths: 12, language: 'de', sortOrder: 100, chapters },
        { authorId: null, message: 'intern: Kapitel ergänzt', origin: 'app', quiet: true });
      await publishRevision(db, g, rev, null);
      return rev;
    });
    const [first] = await t.ctx.ds.query(`SELECT min(id)::int AS id FROM guide_revisions WHERE guide_id = $1 AND status = 'published'`, [guide.id]);

    const one = await both('guides');
    const two = await both('guides');
    // Other test files publish guides meanwhile, so the capped feed may gain and drop entries between the
    // fetches: the entries in both fetches keep their GUIDs, this test's guide's among them.
    const ownGuids = (f: { entries: Entry[] }) => f.entries.filter((e) => e.link === `http://praxis.test/guides/${guide.slug}`).map((e) => e.guid);
    for (const format of ['rss', 'atom'] as const) {
      const entryKey = (e: Entry) => JSON.stringify([e.link, e.title, e.date, e.html]);
      const later = new Map(two[format].entries.map((e) => [entryKey(e), e.guid]));
      const inBoth = one[format].entries.filter((e) => later.has(entryKey(e)));
      expect(inBoth.length).toBeGreaterThanOrEqual(2);
      for (const e of inBoth) expect(later.get(entryKey(e))).toBe(e.guid);
      expect(ownGuids(two[format])).toEqual(ownGuids(one[format]));
      expect(ownGuids(one[format])).toHaveLength(2);
    }
    for (const f of [one.rss, one.atom]) {
      const mine = f.entries.filter((e) => e.link === `http://praxis.test/guides/${guide.slug}`);
      expect(mine.map((e) => [e.guid, e.title])).toEqual([
        [`tag:praxis.test,2025:guide-revision/${updateId}`, `Leitfaden aktualisiert: ${guide.title}`],
        [`tag:praxis.test,2025:guide-revision/${first.id}`, `Neuer Leitfaden: ${guide.title}`],
      ]);
      expect(mine[0]!.html).toBe('<p>Jetzt mit &lt;b&gt;mehr&lt;/b&gt;.</p>');
      expect(f.entries.some((e) => e.link.endsWith(`/guides/${draft.slug}`))).toBe(false);
      expect(JSON.stringify(f.entries)).not.toContain('intern: Kapitel ergänzt');
    }
    // Guides are public: a read:network token sees no more, and never a draft.
    const member = await createUser(t.ctx.ds);
    const network = await both('guides', await tokenFor(member.id, ['read:network']));
    expect(network.rss.entries.some((e) => e.link.endsWith(`/guides/${draft.slug}`))).toBe(false);
  });

  it('when threads are posted in public, members-only and restricted categories, then each feed holds what its reader may see, and the HTML is sanitised', async () => {
    const member = await createUser(t.ctx.ds);
    const publicCat = await createCategory(t.ctx.ds, { isPublic: true });
    const membersCat = await createCategory(t.ctx.ds, { isPublic: false });
    const restrictedSlug = uniq('cat-');
    const [restricted] = await t.ctx.ds.query(`INSERT INTO forum_categories (slug, name, restricted) VALUES ($1, $2, true) RETURNING id`, [restrictedSlug, `AK ${restrictedSlug}`]);
    const pub = await createThread(t.ctx.ds, { category: publicCat, title: `Öffentlich ${uniq()}`, body: 'Hallo <script>alert(1)</script> **fett** <img src=x onerror=alert(2)>' });
    const hidden = await createThread(t.ctx.ds, { category: publicCat, title: `Versteckt ${uniq()}` });
    await t.ctx.ds.query(`UPDATE forum_threads SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    const mem = await createThread(t.ctx.ds, { category: membersCat, title: `Mitglieder ${uniq()}` });
    const res = await createThread(t.ctx.ds, { category: { id: restricted.id, slug: restrictedSlug, name: 'AK' }, title: `Geschlossen ${uniq()}` });
    const network = await tokenFor(member.id, ['read:network']);
    const publicOnly = await tokenFor(member.id, ['read:public']);

    const visitor = await both('forum');
    for (const f of [visitor.rss, visitor.atom]) {
      const entry = f.entries.find((e) => e.guid === `tag:praxis.test,2025:forum-thread/${pub.id}`)!;
      expect(entry.link).toBe(`http://praxis.test${pub.url}`);
      expect(entry.html).toContain('<strong>fett</strong>');
      expect(entry.html).not.toContain('<script');
      expect(entry.html).not.toContain('onerror');
      expect(entry.categories).toEqual([publicCat.name]);
      expect(titles(f)).not.toContain(mem.title);
      expect(titles(f)).not.toContain(res.title);
      expect(titles(f)).not.toContain(hidden.title);
    }
    const asMember = await both('forum', network);
    expect(titles(asMember.rss)).toEqual(expect.arrayContaining([pub.title, mem.title]));
    expect(titles(asMember.rss)).not.toContain(res.title);
    expect(titles(asMember.rss)).not.toContain(hidden.title);
    expect(titles((await both('forum', publicOnly)).rss)).not.toContain(mem.title);

    // One category's feed: a public one for everyone; a members-only one is 404 without a network token.
    expect(titles((await both(`forum/c/${publicCat.slug}`)).atom)).toEqual([pub.title]);
    expect((await get(`/feeds/forum/c/${membersCat.slug}.rss`)).status).toBe(404);
    expect((await get(`/feeds/forum/c/${membersCat.slug}.rss?token=${publicOnly}`)).status).toBe(404);
    expect(titles((await both(`forum/c/${membersCat.slug}`, network)).rss)).toEqual([mem.title]);
    // A restricted category: 404 for a member not listed, the threads for one who is.
    expect((await get(`/feeds/forum/c/${restrictedSlug}.atom?token=${network}`)).status).toBe(404);
    await t.ctx.ds.query(`INSERT INTO forum_category_members (category_id, user_id) VALUES ($1, $2)`, [restricted.id, member.id]);
    expect(titles((await both(`forum/c/${restrictedSlug}`, network)).rss)).toEqual([res.title]);
    expect((await get('/feeds/forum/c/gibt-es-nicht.rss')).status).toBe(404);
  });

  it('when threads carry a tag, then the feed of the tag lists those the reader may see, and an unknown tag is 404', async () => {
    const member = await createUser(t.ctx.ds);
    const tag = uniq('tag').toLowerCase();
    const publicCat = await createCategory(t.ctx.ds, { isPublic: true });
    const membersCat = await createCategory(t.ctx.ds, { isPublic: false });
    const pub = await createThread(t.ctx.ds, { category: publicCat, title: `Mit Schlagwort ${uniq()}`, tags: [tag] });
    const mem = await createThread(t.ctx.ds, { category: membersCat, title: `Intern mit Schlagwort ${uniq()}`, tags: [tag] });
    const untagged = await createThread(t.ctx.ds, { category: publicCat, title: `Ohne Schlagwort ${uniq()}` });
    const visitor = await both(`forum/tags/${tag}`);
    expect(titles(visitor.rss)).toEqual([pub.title]);
    expect(titles(visitor.atom)).toEqual([pub.title]);
    expect(visitor.rss.title).toBe(`Forum: Schlagwort „${tag}“ · Praxis`);
    const asMember = await both(`forum/tags/${tag}`, await tokenFor(member.id, ['read:network']));
    expect(titles(asMember.rss)).toEqual([mem.title, pub.title]);
    expect(titles(asMember.rss)).not.toContain(untagged.title);
    expect((await get('/feeds/forum/tags/gibt-es-nicht.atom')).status).toBe(404);
    const head = elements(parseHtml((await get(`/forum/tags/${tag}`)).text), 'head')[0]!;
    expect(elements(head, 'link').filter((l) => l.attribs.rel === 'alternate').map((l) => l.attribs.href))
      .toEqual([`/feeds/forum/tags/${tag}.rss`, `/feeds/forum/tags/${tag}.atom`]);
  });

  it('when a category has more than 50 threads, then its feed holds the newest 50', async () => {
    const cat = await createCategory(t.ctx.ds, { isPublic: true });
    const author = await createUser(t.ctx.ds);
    await t.ctx.ds.query(
      `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, created_at)
       SELECT $1, 'discussion', 'Thema ' || n, 'thema-' || n, $2, 'Text', '<p>Text</p>', timestamptz '1985-03-01T12:00:00Z' + n * interval '1 hour'
         FROM generate_series(1, 55) n`, [cat.id, author.id]);
    const { rss, atom } = await both(`forum/c/${cat.slug}`);
    expect(rss.entries).toHaveLength(50);
    expect(atom.entries).toHaveLength(50);
    expect(rss.entries[0]!.title).toBe('Thema 55');
    expect(rss.entries[49]!.title).toBe('Thema 6');
    expect(rss.entries[0]!.date).toBe('Sun, 03 Mar 1985 19:00:00 GMT');
    expect(atom.entries[0]!.date).toBe('1985-03-03T19:00:00.000Z');
  });

  it('when events are announced, then visitors get public ones, a network token also network events, never a group event of a group the member is not in', async () => {
    const member = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    const group = await createGroup(t.ctx.ds, [{ userId: other.id }]);
    const pub = await createEvent(t.ctx.ds, { visibility: 'public', title: `Öffentlich ${uniq()}`, format: 'online' });
    await t.ctx.ds.query(`UPDATE events SET description_html = $2 WHERE id = $1`, [pub.id, renderMarkdown('Programm <script>x()</script>')]);
    const net = await createEvent(t.ctx.ds, { visibility: 'network', title: `Netzwerk ${uniq()}` });
    const grp = await createEvent(t.ctx.ds, { visibility: 'group', groupId: group.id, title: `Gruppe ${uniq()}` });
    const cancelled = await createEvent(t.ctx.ds, { visibility: 'public', title: `Abgesagt ${uniq()}` });
    await t.ctx.ds.query(`UPDATE events SET cancelled_at = now() WHERE id = $1`, [cancelled.id]);
    const past = await createEvent(t.ctx.ds, { visibility: 'public', title: `Vorbei ${uniq()}`, startsAt: new Date('1986-05-01T10:00:00Z') });
    const titleOf = async (id: number) => (await t.ctx.ds.query(`SELECT title FROM events WHERE id = $1`, [id]))[0].title as string;

    const visitor = await both('events');
    for (const f of [visitor.rss, visitor.atom]) {
      const entry = f.entries.find((e) => e.guid === `tag:praxis.test,2025:event/${pub.id}`)!;
      expect(entry.link).toBe(`http://praxis.test${pub.path}`);
      expect(entry.html).toContain('Online');
      expect(entry.html).not.toContain('meet.example'); // the online link is for participants
      for (const id of [net.id, grp.id, cancelled.id, past.id]) expect(titles(f)).not.toContain(await titleOf(id));
    }
    const asMember = await both('events', await tokenFor(member.id, ['read:network']));
    expect(titles(asMember.rss)).toEqual(expect.arrayContaining([await titleOf(pub.id), await titleOf(net.id)]));
    expect(titles(asMember.rss)).not.toContain(await titleOf(grp.id));
    expect(titles((await both('events', await tokenFor(other.id, ['read:network']))).atom)).toContain(await titleOf(grp.id));
    expect(titles((await both('events', await tokenFor(member.id, ['read:public']))).rss)).not.toContain(await titleOf(net.id));
  });

  it('when the token is revoked, expired, unknown or malformed, then the feed answers 401 problem+json, not the public feed; a Bearer header works like ?token=', async () => {
    const member = await createUser(t.ctx.ds);
    const net = await createUseCase(t.ctx.ds, { visibility: 'network', title: `Bearer ${uniq()}` });
    const token = await tokenFor(member.id, ['read:network']);
    const bearer = await request(t.app).get('/feeds/use-cases.atom').set('Authorization', `Bearer ${token}`);
    expect(bearer.status).toBe(200);
    expect(bearer.headers['cache-control']).toBe('private, max-age=300');
    expect((await readFeed(bearer.text, 'atom')).entries.some((e) => e.guid.endsWith(`:use-case/${net.id}`))).toBe(true);

    const expired = await tokenFor(member.id, ['read:network']);
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET expires_at = '1986-12-31T00:00:00Z' WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [expired]);
    const revoked = await tokenFor(member.id, ['read:network']);
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET revoked_at = now() WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [revoked]);
    for (const bad of [expired, revoked, `prx_${'x'.repeat(43)}`, 'kaputt', '']) {
      for (const path of ['/feeds/use-cases.rss', '/feeds/forum.atom', '/feeds/guides.rss']) {
        const res = await get(`${path}?token=${encodeURIComponent(bad)}`);
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
        expect(res.body).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: expect.stringContaining('/me/tokens') });
      }
    }
    expect((await request(t.app).get('/feeds/events.rss').set('Authorization', `Bearer ${revoked}`)).status).toBe(401);
    expect((await request(t.app).get('/feeds/events.rss').set('Authorization', 'Basic abc')).status).toBe(401);
  });

  it('when a signed-in member fetches a feed with only the session cookie, then they get the public feed', async () => {
    const member = await createUser(t.ctx.ds);
    const net = await createUseCase(t.ctx.ds, { visibility: 'network', title: `Sitzung ${uniq()}` });
    const b = await signedIn(t.app, member);
    expect((await b.get('/use-cases')).text).toContain(`/use-cases/${net.slug}`); // the page shows it to the member
    const res = await b.get('/feeds/use-cases.rss');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect((await readFeed(res.text, 'rss')).entries.some((e) => e.guid.endsWith(`:use-case/${net.id}`))).toBe(false);
  });

  it('when a feed is fetched again with its ETag or Last-Modified, then the answer is 304 without a body; English readers get English titles', async () => {
    const first = await get('/feeds/guides.atom');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(new Date(first.headers['last-modified']!).toUTCString()).toBe(first.headers['last-modified']);
    const again = await request(t.app).get('/feeds/guides.atom').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const since = await request(t.app).get('/feeds/guides.atom').set('If-Modified-Since', first.headers['last-modified']!);
    expect(since.status).toBe(304);
    expect((await request(t.app).get('/feeds/guides.atom').set('If-None-Match', '"anders"')).status).toBe(200);

    const en = await request(t.app).get('/feeds/guides.rss').set('Accept-Language', 'en');
    const feed = await readFeed(en.text, 'rss');
    expect(feed.language).toBe('en');
    expect(feed.title).toBe('Guides: new and updated · Praxis');
    expect((await get('/feeds/gibt-es-nicht.rss')).status).toBe(404);
  });

  it('when the list pages are shown, then their head links the RSS and Atom feeds (with the list filters)', async () => {
    const cat = await createCategory(t.ctx.ds, { isPublic: true });
    const pages: [string, string][] = [
      ['/use-cases?topic=budget&method=participatory-budget&page=2', '/feeds/use-cases.%s?topic=budget&method=participatory-budget'],
      ['/guides', '/feeds/guides.%s'],
      ['/forum', '/feeds/forum.%s'],
      [`/forum/c/${cat.slug}`, `/feeds/forum/c/${cat.slug}.%s`],
      ['/events', '/feeds/events.%s'],
    ];
    for (const [page, feed] of pages) {
      const res = await get(page);
      expect(res.status).toBe(200);
      const head = elements(parseHtml(res.text), 'head')[0]!;
      const links = elements(head, 'link').filter((l) => l.attribs.rel === 'alternate').map((l) => [l.attribs.type, l.attribs.href]);
      expect(links).toEqual([['application/rss+xml', feed.replace('%s', 'rss')], ['application/atom+xml', feed.replace('%s', 'atom')]]);
      // Each linked feed answers.
      for (const [, href] of links) expect((await get(href!.replace(/&amp;/g, '&'))).status).toBe(200);
    }
    const about = elements(parseHtml((await get('/barrierefreiheit')).text), 'link').filter((l) => l.attribs.rel === 'alternate');
    expect(about).toEqual([]);
  });
});
