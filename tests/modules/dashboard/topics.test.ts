// The dashboard's "hot topics" section: tags (new threads + replies), policy areas and methods (use
// cases published) per period against the previous one, the fastest rising, the threads and use
// cases behind the top entries, the CSVs and who may read them. Everything is dated 1997–1998 (years
// no other test file writes to) and rolled up from raw rows; tag names are this file's own.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, type TestCategory } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { rebuildRollups } from '../../../src/modules/dashboard/index.js';
import { risingOf } from '../../../src/modules/dashboard/sections/topics.js';

const JUNE = 'period=custom&from=1997-06-01&to=1997-06-30';

/** A thread with `tags` started at `at`, with replies at the given times; its last activity is the latest of them. */
async function thread(ds: DataSource, category: TestCategory, author: TestUser, tags: string[], at: string, replies: string[] = [], o: { removed?: boolean; title?: string } = {}) {
  const t = await createThread(ds, { category, author, tags, title: o.title });
  for (const r of replies) {
    const reply = await createReply(ds, t, { author });
    await ds.query(`UPDATE forum_replies SET created_at = $2 WHERE id = $1`, [reply.id, r]);
  }
  await ds.query(`UPDATE forum_threads SET created_at = $2, last_activity_at = greatest($2::timestamptz, $3::timestamptz),
      removed_at = CASE WHEN $4 THEN now() END WHERE id = $1`, [t.id, at, replies.at(-1) ?? at, o.removed ?? false]);
  return t;
}

async function useCase(ds: DataSource, at: string, policyAreas: string[], methods: string[], o: { published?: boolean; title?: string } = {}) {
  const uc = await createUseCase(ds, { policyAreas, methods, title: o.title ?? `Praxisbeispiel ${uniq()}`, published: o.published ?? true });
  await ds.query(`UPDATE use_cases SET published_at = $2 WHERE id = $1`, [uc.id, at]);
  return uc;
}

const flat = (html: string) => html.replace(/\s+/g, ' ').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/> </g, '><');
const cell = (v: string) => `<td class="kern-table__cell">${v}</td>`;

describe('dashboard: hot topics', () => {
  const t = useTestApp();

  it('when entries tie on their absolute gain, then the bigger relative gain rises first, new ones before all; losers never rise', () => {
    const rising = risingOf([
      { key: 'a', now: 10, before: 5 }, { key: 'b', now: 3, before: 1 }, { key: 'c', now: 2, before: 0 },
      { key: 'd', now: 4, before: 6 }, { key: 'e', now: 7, before: 7 }, { key: 'f', now: 6, before: 4 },
    ]);
    expect(rising.map((e) => e.key)).toEqual(['a', 'c', 'b', 'f']);
  });

  it('when tags, policy areas and methods were active in the period, then the German page ranks them against the previous period, shows the risers and the threads and use cases behind them', async () => {
    const ds = t.ctx.ds;
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => uniq(`heiss-${x}-`));
    const author = await createUser(ds);
    const category = await createCategory(ds);
    const restricted = await createCategory(ds);
    await ds.query(`UPDATE forum_categories SET restricted = true WHERE id = $1`, [restricted.id]);
    // Tag a: 3 threads (one in a restricted category) + 3 replies in June = 6, 1 thread in May.
    const busy = await thread(ds, category, author, [a], '1997-06-03 10:00+02', ['1997-06-04 10:00+02', '1997-06-10 10:00+02'], { title: 'Heißer Faden eins' });
    const quiet = await thread(ds, category, author, [a, c], '1997-06-05 10:00+02', ['1997-06-06 10:00+02'], { title: 'Heißer Faden zwei' });
    const hidden = await thread(ds, restricted, author, [a], '1997-06-07 10:00+02', [], { title: 'Faden der Arbeitsgruppe' });
    const old = await thread(ds, category, author, [a], '1997-05-10 10:00+02', [], { title: 'Faden aus dem Mai' });
    await thread(ds, category, author, [a], '1997-06-08 10:00+02', ['1997-06-09 10:00+02'], { removed: true });
    // Tag b: new in June; tag c: 2 in June (the thread shared with a and its reply), 2 threads + 1 reply in May; tag d: only May.
    await thread(ds, category, author, [b], '1997-06-20 23:30+02');
    await thread(ds, category, author, [c], '1997-05-11 10:00+02', ['1997-05-12 10:00+02']);
    await thread(ds, category, author, [c], '1997-05-13 10:00+02');
    await thread(ds, category, author, [d], '1997-05-14 10:00+02');
    // Policy areas: mobility 2 in June, 1 in May; climate new. Methods: survey 2 / 1, workshop new.
    const uc1 = await useCase(ds, '1997-06-04 10:00+02', ['mobility', 'climate'], ['survey'], { title: 'Radwege gemeinsam planen' });
    const uc2 = await useCase(ds, '1997-06-12 10:00+02', ['mobility'], ['survey', 'workshop'], { title: 'Busnetz mit Bürgerrat' });
    await useCase(ds, '1997-05-20 10:00+02', ['mobility'], ['survey']);
    await useCase(ds, '1997-06-15 10:00+02', ['mobility', 'climate'], ['workshop'], { published: false, title: 'Unveröffentlichter Entwurf' });
    await rebuildRollups(ds, '1997-01-01', '1997-12-31');
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));

    const page = await facilitator.get(`/dashboard?${JUNE}`);
    expect(page.status).toBe(200);
    const html = flat(page.text);
    expect(html.indexOf('id="dash-activity"')).toBeLessThan(html.indexOf('id="dash-topics"'));
    expect(html.indexOf('id="dash-topics"')).toBeLessThan(html.indexOf('id="dash-questions"'));
    expect(html).toMatch(/<h2[^>]*>Gefragte Schlagwörter, Themenfelder und Methoden<\/h2>/);
    const tags = html.slice(html.indexOf('id="dash-topics-tags-group"'), html.indexOf('id="dash-topics-topics-group"'));
    expect(tags).toContain(`<th class="kern-table__header" scope="row"><a class="kern-link" href="/forum/tags/${a}">${a}</a></th>${cell('6')}${cell('1')}<td class="kern-table__cell dash-change dash-change--up">+500,0 %</td>`);
    expect(tags).toContain(`href="/forum/tags/${b}">${b}</a></th>${cell('1')}${cell('0')}<td class="kern-table__cell dash-change dash-change--up">neu</td>`);
    expect(tags).toContain(`href="/forum/tags/${c}">${c}</a></th>${cell('2')}${cell('3')}<td class="kern-table__cell dash-change dash-change--down">−33,3 %</td>`);
    expect(tags).not.toContain(`/forum/tags/${d}"`);
    expect(tags.indexOf(`>${a}</a></th>`)).toBeLessThan(tags.indexOf(`>${c}</a></th>`));
    expect(tags.indexOf(`>${c}</a></th>`)).toBeLessThan(tags.indexOf(`>${b}</a></th>`));
    // Rising: a (+5), then b (+1, new); c fell.
    expect(tags).toContain(`<ol class="kern-body"><li><a class="kern-link" href="/forum/tags/${a}">${a}</a> +5 (+500,0 %, von 1 auf 6)</li><li><a class="kern-link" href="/forum/tags/${b}">${b}</a> +1 (neu, von 0 auf 1)</li></ol>`);
    // Behind tag a: its visible threads active in June, most replies first; not May's, the restricted or the removed one.
    expect(tags).toMatch(new RegExp(`href="${busy.url}">Heißer Faden eins</a> \\(2 Antworten\\)</li><li><a class="kern-link" href="${quiet.url}">Heißer Faden zwei</a> \\(1 Antwort\\)</li></ul>`));
    expect(tags).not.toContain(hidden.url);
    expect(tags).not.toContain(old.url);
    expect(tags).toMatch(/<svg class="dash-chart"[^>]*aria-labelledby="dash-topics-tags-title dash-topics-tags-desc"/);
    expect(tags).toContain(`Schlagwörter im Forum mit der meisten Aktivität im Zeitraum: ${a} (6), ${c} (2), ${b} (1).`);
    expect(tags).toContain(`href="/dashboard/topics/tags.csv?${JUNE}"`);

    const topics = html.slice(html.indexOf('id="dash-topics-topics-group"'), html.indexOf('id="dash-topics-methods-group"'));
    expect(topics).toContain(`href="/use-cases?topic=mobility">Mobilität und Verkehr</a></th>${cell('2')}${cell('1')}<td class="kern-table__cell dash-change dash-change--up">+100,0 %</td>`);
    expect(topics).toContain(`href="/use-cases?topic=climate">Klima und Umwelt</a></th>${cell('1')}${cell('0')}`);
    // Both gained 1: the new one (relative gain without bound) rises first.
    expect(topics.indexOf('Klima und Umwelt</a> +1 (neu')).toBeGreaterThan(-1);
    expect(topics.indexOf('Klima und Umwelt</a> +1 (neu')).toBeLessThan(topics.indexOf('Mobilität und Verkehr</a> +1 (+100,0 %'));
    expect(topics).toContain(`<a class="kern-link" href="/use-cases/${uc2.slug}">Busnetz mit Bürgerrat</a> (12.06.1997)</li><li><a class="kern-link" href="/use-cases/${uc1.slug}">Radwege gemeinsam planen</a> (04.06.1997)</li></ul>`);
    expect(topics).not.toContain('Unveröffentlichter Entwurf');
    const methods = html.slice(html.indexOf('id="dash-topics-methods-group"'), html.indexOf('id="dash-questions"'));
    expect(methods).toContain(`href="/use-cases?method=survey">Befragung</a></th>${cell('2')}${cell('1')}`);
    expect(methods).toContain(`href="/use-cases?method=workshop">Workshop / Werkstatt</a></th>${cell('1')}${cell('0')}<td class="kern-table__cell dash-change dash-change--up">neu</td>`);

    const tagsCsv = await facilitator.get(`/dashboard/topics/tags.csv?${JUNE}`);
    expect(tagsCsv.status).toBe(200);
    expect(tagsCsv.headers['content-type']).toContain('text/csv');
    expect(tagsCsv.text.startsWith('\uFEFFBezeichnung,Schlüssel,Zeitraum,Vorheriger Zeitraum,Veränderung\r\n')).toBe(true);
    expect(tagsCsv.text).toContain(`\r\n${a},${a},6,1,5\r\n${c},${c},2,3,-1\r\n${b},${b},1,0,1\r\n${d},${d},0,1,-1\r\n`);
    const topicsCsv = await facilitator.get(`/dashboard/topics/topics.csv?${JUNE}`);
    expect(topicsCsv.text).toBe('\uFEFFBezeichnung,Schlüssel,Zeitraum,Vorheriger Zeitraum,Veränderung\r\nMobilität und Verkehr,mobility,2,1,1\r\nKlima und Umwelt,climate,1,0,1\r\n');
    const methodsCsv = await facilitator.get(`/dashboard/topics/methods.csv?${JUNE}`);
    expect(methodsCsv.text).toContain('\r\nBefragung,survey,2,1,1\r\nWorkshop / Werkstatt,workshop,1,0,1\r\n');
  });

  it('when a facilitator reads the page in English, then numbers, changes and labels are English; a quiet period says so', async () => {
    const ds = t.ctx.ds;
    const tag = uniq('hot-en-');
    const author = await createUser(ds);
    const category = await createCategory(ds);
    const busy = await thread(ds, category, author, [tag], '1998-03-02 10:00+01', ['1998-03-03 10:00+01', '1998-03-04 10:00+01']);
    await thread(ds, category, author, [tag], '1998-02-10 10:00+01');
    // A pinned thread is found too (the forum's activity index keeps pinned threads apart).
    const pinned = await thread(ds, category, author, [tag], '1998-03-06 10:00+01', [], { title: 'Angeheftete Ankündigung' });
    await ds.query(`UPDATE forum_threads SET pinned_at = '1998-03-06 11:00+01' WHERE id = $1`, [pinned.id]);
    await useCase(ds, '1998-03-05 10:00+01', ['budget'], ['citizens-assembly']);
    await rebuildRollups(ds, '1998-01-01', '1998-12-31');
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator', language: 'en' }));

    const html = flat((await facilitator.get('/dashboard?period=custom&from=1998-03-01&to=1998-03-31')).text);
    expect(html).toMatch(/<h2[^>]*>Hot tags, policy areas and methods<\/h2>/);
    expect(html).toContain(`href="/forum/tags/${tag}">${tag}</a></th>${cell('4')}${cell('1')}<td class="kern-table__cell dash-change dash-change--up">+300.0%</td>`);
    expect(html).toContain(`${tag}</a> +3 (+300.0%, from 1 to 4)`);
    expect(html).toContain(`href="${busy.url}">${busy.title}</a> (2 replies)</li><li><a class="kern-link" href="${pinned.url}">Angeheftete Ankündigung</a> (0 replies)</li></ul>`);
    expect(html).toContain(`href="/use-cases?topic=budget">Budget and finance</a></th>${cell('1')}${cell('0')}<td class="kern-table__cell dash-change dash-change--up">new</td>`);
    expect(html).toContain(`href="/use-cases?method=citizens-assembly">Citizens' assembly</a>`.replace("'", '&#x27;'));
    const csv = await facilitator.get('/dashboard/topics/methods.csv?period=custom&from=1998-03-01&to=1998-03-31');
    expect(csv.text).toBe("\uFEFFLabel,Key,This period,Previous period,Change\r\nCitizens' assembly,citizens-assembly,1,0,1\r\n");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);

    const quiet = flat((await facilitator.get('/dashboard?period=custom&from=1998-10-01&to=1998-10-31')).text);
    expect(quiet).toContain('Nothing happened in the period under any tag, policy area or method.');
    expect(quiet).not.toContain('id="dash-topics-tags-title"');
  });

  it('when a visitor or a member asks for a topics CSV, then 404; an unknown table is 404 too, and a day that does not exist falls back to the default period', async () => {
    const ds = t.ctx.ds;
    const member = await signedIn(t.app, await createUser(ds));
    for (const table of ['tags', 'topics', 'methods']) {
      expect((await member.get(`/dashboard/topics/${table}.csv?${JUNE}`)).status).toBe(404);
      expect((await request(t.app).get(`/dashboard/topics/${table}.csv`)).status).toBe(404);
    }
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    expect((await facilitator.get('/dashboard/topics/nothing.csv')).status).toBe(404);
    // A month that does not exist falls back to the default period (the picker never errs).
    const bad = await facilitator.get('/dashboard/topics/tags.csv?period=custom&from=1997-13-01&to=1997-12-32');
    expect(bad.text.startsWith('\uFEFFBezeichnung,')).toBe(true);
    expect(bad.status).toBe(200);
  });
});
