// "Where participation comes from": the most engaged administrations (per member, with the minimum),
// the map of the Länder with legend and table, by kind and size class, the administrations drifting
// away, and the CSVs with "< 5". Period 1994 against 1993 (rollup rows only this test writes); the
// administrations are in Sachsen, Rheinland-Pfalz and Hessen, and the members of those Länder are the
// ones created here: the file has a database of its own (other files created members there, and the
// counts here depended on which file ran first).
import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, type TestAdministration } from '../../support/factories.js';
import { MAP_COLOURS, ZERO_COLOUR } from '../../../src/modules/dashboard/dashboard.map.js';
import { exportCount } from '../../../src/modules/dashboard/dashboard.privacy.js';
import { administrationActivity, splitMonths } from '../../../src/modules/dashboard/participation.queries.js';
import { periodFromQuery } from '../../../src/modules/dashboard/dashboard.period.js';

const PERIOD = 'period=custom&from=1994-01-01&to=1994-12-31';
const normalise = (s: string) => s.replace(/\s+/g, ' ').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('dashboard: participation', () => {
  const t = useTestApp(usePrivateDatabase());
  const adm: Record<string, TestAdministration> = {};

  beforeAll(async () => {
    const ds = t.ctx.ds;
    await ds.query(`DELETE FROM dashboard_daily WHERE day BETWEEN '1993-01-01' AND '1994-12-31'`);
    const make = async (key: string, name: string, state: string, kind: string, population: number | null, members: number) => {
      adm[key] = await createAdministration(ds, { name, state, kind, population });
      for (let i = 0; i < members; i++) await createUser(ds, { administrationId: adm[key]!.id });
    };
    await make('kleinau', 'Gemeinde Kleinau', 'SN', 'municipality', 3000, 2);
    await make('gross', 'Stadt Großhausen', 'SN', 'municipality', 250_000, 10);
    await make('mittelfeld', 'Landkreis Mittelfeld', 'RP', 'county', 120_000, 4);
    await make('einzel', 'Einzelort', 'HE', 'municipality', 800, 1);
    await make('fernwald', 'Amt Fernwald', 'RP', 'state_agency', null, 5);
    await make('stille', 'Verband Stille', 'HE', 'association', null, 3);
    // Not members: a pending registration and a deleted account of Kleinau.
    await createUser(ds, { administrationId: adm.kleinau!.id, status: 'pending' });
    await createUser(ds, { administrationId: adm.kleinau!.id, status: 'deleted' });
    const rows: [string, string, number, number][] = [
      ['1994-02-03', 'reply', adm.kleinau!.id, 6], ['1994-03-04', 'thread', adm.kleinau!.id, 2], ['1993-05-05', 'reply', adm.kleinau!.id, 4],
      // Not activity: certificates and accepted answers; nor rows without an administration.
      ['1994-03-04', 'certificate', adm.kleinau!.id, 50], ['1994-03-05', 'accepted', adm.kleinau!.id, 50], ['1994-03-05', 'reply', 0, 100],
      ['1994-01-10', 'reply', adm.gross!.id, 12], ['1994-06-10', 'usecase_published', adm.gross!.id, 3], ['1993-07-01', 'reply', adm.gross!.id, 20],
      ['1994-04-01', 'adoption', adm.mittelfeld!.id, 2], ['1994-04-02', 'quiz_attempt', adm.mittelfeld!.id, 2],
      ['1994-09-09', 'reply', adm.einzel!.id, 3],
      ['1993-11-20', 'reply', adm.fernwald!.id, 7], ['1993-12-03', 'thread', adm.fernwald!.id, 2],
      ['1993-06-01', 'adoption', adm.stille!.id, 3],
    ];
    for (const [day, metric, id, value] of rows) {
      await ds.query(`INSERT INTO dashboard_daily (day, metric, administration_id, dim, value) VALUES ($1, $2, $3, '', $4)`, [day, metric, id, value]);
    }
  });

  it('when a count about an administration is exported, then 1 to 4 become "< 5", 0 and 5 stay', () => {
    expect([0, 1, 4, 5, 12].map(exportCount)).toEqual([0, '< 5', '< 5', 5, 12]);
  });

  it('when a period does not start or end with a month, then it reads the whole months from the monthly rollups and the days at its edges from the daily ones', () => {
    expect(splitMonths('now', '1994-01-10', '1994-03-04')).toEqual([
      { tag: 'now', kind: 'month', from: '1994-02-01', to: '1994-02-01' },
      { tag: 'now', kind: 'day', from: '1994-01-10', to: '1994-01-31' },
      { tag: 'now', kind: 'day', from: '1994-03-01', to: '1994-03-04' },
    ]);
    expect(splitMonths('now', '1994-01-01', '1994-12-31')).toEqual([{ tag: 'now', kind: 'month', from: '1994-01-01', to: '1994-12-01' }]);
    expect(splitMonths('before', '1994-01-03', '1994-01-20')).toEqual([{ tag: 'before', kind: 'day', from: '1994-01-03', to: '1994-01-20' }]);
    expect(splitMonths('gap', '1994-01-21', '1994-01-20')).toEqual([]);
  });

  it('when the period and the previous one cut months, then the activity of each administration and its last day before equal the sums of the daily rows written', async () => {
    const p = periodFromQuery({ period: 'custom', from: '1994-01-10', to: '1994-03-04' });
    expect([p.prevFrom, p.prevTo]).toEqual(['1993-11-17', '1994-01-09']);
    const ids = Object.values(adm).map((a) => a.id);
    const rows = (await administrationActivity(t.ctx.ds, p)).filter((r) => ids.includes(r.id));
    const of = (key: string) => rows.find((r) => r.id === adm[key]!.id);
    // Kleinau: 6 replies on 3 February (a whole month) and 2 threads on 4 March (an edge day).
    expect([of('kleinau')!.now, of('kleinau')!.before]).toEqual([8, 0]);
    expect([of('gross')!.now, of('gross')!.before]).toEqual([12, 0]);
    // Fernwald: 7 replies on 20 November (an edge day), 2 threads on 3 December (a whole month, its last day).
    expect([of('fernwald')!.now, of('fernwald')!.before, of('fernwald')!.lastBefore]).toEqual([0, 9, '1993-12-03']);
    expect([of('mittelfeld')!.now, of('mittelfeld')!.before, of('einzel')!.now, of('stille')!.before]).toEqual([0, 0, 0, 0]);
  });

  it('when a facilitator opens 1994, then the most engaged administrations are ranked per member with at least 5 activities, linked, with the change against 1993', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const page = await b.get(`/dashboard?${PERIOD}`);
    expect(page.status).toBe(200);
    const html = normalise(page.text);
    expect(html).toContain('<h2 class="kern-heading-medium" id="dash-participation-heading">Woher die Beteiligung kommt</h2>');
    expect(html.indexOf('id="dash-activity"')).toBeLessThan(html.indexOf('id="dash-participation"'));
    expect(html.indexOf('id="dash-participation"')).toBeLessThan(html.indexOf('id="dash-questions"'));
    const engaged = html.slice(html.indexOf('Die engagiertesten Verwaltungen</caption>'), html.indexOf('Beteiligung nach Land</h3>'));
    const names = [...engaged.matchAll(/<th class="kern-table__header" scope="row"><a class="kern-link" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    // Einzelort (1 member, 3 replies: 3,00 per member) stays out: under the minimum of 5 activities.
    expect(names).toEqual([[`/administrations/${adm.kleinau!.slug}`, 'Gemeinde Kleinau'], [`/administrations/${adm.gross!.slug}`, 'Stadt Großhausen']]);
    expect(engaged).toContain('Gemeinde Kleinau</a></th> <td class="kern-table__cell">Sachsen</td><td class="kern-table__cell">8</td><td class="kern-table__cell">4</td> '
      + '<td class="kern-table__cell dash-change dash-change--up">+100,0 %</td> <td class="kern-table__cell">2</td><td class="kern-table__cell">4,00</td>');
    expect(engaged).toContain('Stadt Großhausen</a></th> <td class="kern-table__cell">Sachsen</td><td class="kern-table__cell">15</td><td class="kern-table__cell">20</td> '
      + '<td class="kern-table__cell dash-change dash-change--down">−25,0 %</td> <td class="kern-table__cell">10</td><td class="kern-table__cell">1,50</td>');
    expect(html).toContain('mindestens 5 Aktivitäten im Zeitraum');
    expect(html).toContain(`href="/dashboard/participation/administrations.csv?${PERIOD}"`);
  });

  it('when a facilitator opens 1994, then the map has the 16 Länder, each with a title naming its value, a legend of 5 classes with 0 and no data, and the numbers as a table', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const html = normalise((await b.get(`/dashboard?${PERIOD}`)).text);
    const svg = html.match(/<svg class="dash-chart dash-map"[\s\S]*?<\/svg>/)![0];
    expect(svg).toMatch(/role="img" aria-labelledby="dash-participation-map-title dash-participation-map-desc"/);
    expect(svg).toContain('<title id="dash-participation-map-title">Aktivitäten je Mitglied nach Land</title>');
    const paths = [...svg.matchAll(/<path d="[^"]+" fill="([^"]+)"[^>]* data-state="([A-Z]{2})"><title>([^<]+)<\/title><\/path>/g)];
    expect(paths).toHaveLength(16);
    expect(new Set(paths.map((p) => p[2])).size).toBe(16);
    const land = (code: string) => paths.find((p) => p[2] === code)!;
    // Sachsen 23 / 12 = 1,92 (scale 0 … 2 in steps of 0,4: the darkest class), Rheinland-Pfalz 4 / 9 = 0,44, Hessen 3 / 4 = 0,75.
    expect(land('SN').slice(1)).toEqual([MAP_COLOURS[4], 'SN', 'Sachsen: 1,92 Aktivitäten je Mitglied']);
    expect(land('RP').slice(1)).toEqual([MAP_COLOURS[1], 'RP', 'Rheinland-Pfalz: 0,44 Aktivitäten je Mitglied']);
    expect(land('HE').slice(1)).toEqual([MAP_COLOURS[1], 'HE', 'Hessen: 0,75 Aktivitäten je Mitglied']);
    // Every other Land had no activity in 1994: grey where it has members, hatched where it has none.
    for (const p of paths.filter((x) => !['SN', 'RP', 'HE'].includes(x[2]!))) {
      expect(p[3]).toMatch(/: (0,00 Aktivitäten je Mitglied|keine Daten \(keine Mitglieder\))$/);
      expect(p[1]).toBe(p[3]!.endsWith('je Mitglied') ? ZERO_COLOUR : 'url(#dash-participation-map-nodata)');
    }
    const legend = [...html.matchAll(/<li><svg class="dash-map__swatch"[^>]*>(?:<defs>.*?<\/defs>)?<rect [^>]*fill="([^"]+)"[^>]*\/><\/svg> <span>([^<]+)<\/span><\/li>/g)].map((x) => [x[1], x[2]]);
    expect(legend).toEqual([
      [MAP_COLOURS[0], 'über 0 bis unter 0,40'], [MAP_COLOURS[1], '0,40 bis unter 0,80'], [MAP_COLOURS[2], '0,80 bis unter 1,20'],
      [MAP_COLOURS[3], '1,20 bis unter 1,60'], [MAP_COLOURS[4], '1,60 bis 2,00'],
      [ZERO_COLOUR, '0 (keine Aktivität)'], ['url(#dash-participation-map-nodata-key)', 'keine Daten (keine Mitglieder)'],
    ]);
    expect(html).toMatch(/Am höchsten: Sachsen \(1,92\), Hessen \(0,75\), Rheinland-Pfalz \(0,44\)\./);
    expect(html).toContain('<a class="kern-link" href="https://creativecommons.org/licenses/by/4.0/deed.de">CC BY 4.0</a>');
    expect(html).toContain('CC BY 4.0</a>; Koordinaten gerundet</p>'); // the adaptation the licence asks to name
    expect(html).toContain('<th class="kern-table__header" scope="row"><a class="kern-link" href="/administrations?state=SN">Sachsen</a></th> '
      + '<td class="kern-table__cell">2</td><td class="kern-table__cell">23</td><td class="kern-table__cell">12</td><td class="kern-table__cell">1,92</td>');
    expect(html).toContain('<a class="kern-link" href="/administrations?state=HE">Hessen</a></th> '
      + '<td class="kern-table__cell">1</td><td class="kern-table__cell">3</td><td class="kern-table__cell">4</td><td class="kern-table__cell">0,75</td>');
  });

  it('when a facilitator opens 1994, then kinds and size classes count the active administrations and their activity, and the drifting ones are listed with their last day', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const html = normalise((await b.get(`/dashboard?${PERIOD}`)).text);
    expect(html).toMatch(/href="\/administrations\?kind=municipality">Gemeinde \/ Stadt<\/a><\/th> <td class="kern-table__cell">3<\/td><td class="kern-table__cell">26<\/td><td class="kern-table__cell">[\d.]+<\/td>/);
    expect(html).toMatch(/href="\/administrations\?kind=county">Landkreis<\/a><\/th> <td class="kern-table__cell">1<\/td><td class="kern-table__cell">4<\/td>/);
    expect(html).toMatch(/href="\/administrations\?size=lt10k">unter 10\.000 Einw\.<\/a><\/th> <td class="kern-table__cell">2<\/td><td class="kern-table__cell">11<\/td>/);
    expect(html).toMatch(/href="\/administrations\?size=100k-500k">100\.000–500\.000 Einw\.<\/a><\/th> <td class="kern-table__cell">2<\/td><td class="kern-table__cell">19<\/td>/);
    const drifting = html.slice(html.indexOf('Verwaltungen, die wegbleiben</caption>'));
    expect(drifting).toContain(`<a class="kern-link" href="/administrations/${adm.fernwald!.slug}">Amt Fernwald</a></th> <td class="kern-table__cell">Rheinland-Pfalz</td>`
      + '<td class="kern-table__cell">9</td><td class="kern-table__cell">03.12.1993</td><td class="kern-table__cell">5</td>');
    expect(drifting).toContain(`<a class="kern-link" href="/administrations/${adm.stille!.slug}">Verband Stille</a></th> <td class="kern-table__cell">Hessen</td>`
      + '<td class="kern-table__cell">3</td><td class="kern-table__cell">01.06.1993</td><td class="kern-table__cell">3</td>');
    expect(drifting.indexOf('Amt Fernwald')).toBeLessThan(drifting.indexOf('Verband Stille'));
    expect(drifting.slice(0, drifting.indexOf('</table>'))).not.toContain('Kleinau');
  });

  it('when a facilitator downloads the CSVs, then per-administration counts from 1 to 4 read "< 5" and per member is left out where it would give them away', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const admins = await b.get(`/dashboard/participation/administrations.csv?${PERIOD}`);
    expect(admins.headers['content-type']).toContain('text/csv');
    expect(admins.text.startsWith('\uFEFFVerwaltung,Land,Art der Verwaltung,Aktivitäten,Aktivitäten im Vorzeitraum,Mitglieder (heute),Aktivitäten je Mitglied,URL\r\n'
      + `Gemeinde Kleinau,Sachsen,Gemeinde / Stadt,8,< 5,< 5,,/administrations/${adm.kleinau!.slug}\r\n`
      + `Stadt Großhausen,Sachsen,Gemeinde / Stadt,15,20,10,1.5,/administrations/${adm.gross!.slug}\r\n`
      + `Landkreis Mittelfeld,Rheinland-Pfalz,Landkreis,< 5,0,< 5,,/administrations/${adm.mittelfeld!.slug}\r\n`
      + `Einzelort,Hessen,Gemeinde / Stadt,< 5,0,< 5,,/administrations/${adm.einzel!.slug}\r\n`)).toBe(true);
    expect(admins.text.trim().split('\r\n')).toHaveLength(5);

    const states = (await b.get(`/dashboard/participation/states.csv?${PERIOD}`)).text;
    expect(states.startsWith('\uFEFFLand,Aktive Verwaltungen,Aktivitäten,Mitglieder (heute),Aktivitäten je Mitglied\r\nSachsen,2,23,12,1.9167\r\nHessen,1,< 5,< 5,\r\nRheinland-Pfalz,1,< 5,9,\r\n')).toBe(true);
    expect(states.trim().split('\r\n')).toHaveLength(17);

    const drifting = (await b.get(`/dashboard/participation/drifting.csv?${PERIOD}`)).text;
    expect(drifting).toBe('\uFEFFVerwaltung,Land,Aktivitäten im Vorzeitraum,Letzte Aktivität,Mitglieder (heute),URL\r\n'
      + `Amt Fernwald,Rheinland-Pfalz,9,1993-12-03,5,/administrations/${adm.fernwald!.slug}\r\n`
      + `Verband Stille,Hessen,< 5,1993-06-01,< 5,/administrations/${adm.stille!.slug}\r\n`);

    expect((await b.get(`/dashboard/participation/kinds.csv?${PERIOD}`)).text).toMatch(/\r\nLandkreis,1,< 5,(< 5|\d+),/);
    expect((await b.get(`/dashboard/participation/sizes.csv?${PERIOD}`)).text).toMatch(/\r\nunter 10\.000 Einw\.,2,11,(< 5|\d+),/);
    expect((await b.get(`/dashboard/participation/nothing.csv?${PERIOD}`)).status).toBe(404);
  });

  it('when the page is in English, then numbers and labels are English; members and visitors get 404 for the CSVs', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator', language: 'en' }));
    const html = normalise((await b.get(`/dashboard?${PERIOD}`)).text);
    expect(html).toContain('id="dash-participation-heading">Where participation comes from</h2>');
    expect(html).toContain('<title>Saxony: 1.92 activities per member</title>');
    expect(html).toContain('<span>1.60 to 2.00</span></li>');
    expect(html).toContain('+100.0%</td>');
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const table of ['administrations', 'states', 'kinds', 'sizes', 'drifting']) {
      expect((await member.get(`/dashboard/participation/${table}.csv?${PERIOD}`)).status).toBe(404);
      expect((await request(t.app).get(`/dashboard/participation/${table}.csv?${PERIOD}`)).status).toBe(404);
    }
  });
});
