import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { EXPORT_FIELDS } from '../../../src/modules/usecases/usecases.export.js';
import { csvCell } from '../../../src/shared/csv.js';
import { usecasesModule } from '../../../src/modules/usecases/index.js';
import { FACETS, facetValues } from '../../../src/modules/usecases/usecases.queries.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('use cases: open data and the search contract', () => {
  const t = useTestApp();

  it('when the CSV and JSON exports are fetched with filters, then they hold published public cases only, with the documented fields', async () => {
    const adm = await createAdministration(t.ctx.ds, { state: 'ST', name: 'Stadt "Export", Test' });
    const pub = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', policyAreas: ['mobility', 'climate'], title: '=Formel im Titel' });
    const net = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'network', policyAreas: ['mobility'] });
    const draft = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', published: false, policyAreas: ['mobility'] });
    const other = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public', policyAreas: ['housing'] });
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member); // even members get public cases only

    const json = await b.get('/use-cases.json?state=ST&topic=mobility');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const slugs = json.body.useCases.map((u: { slug: string }) => u.slug);
    expect(slugs).toContain(pub.slug);
    for (const hidden of [net, draft, other]) expect(slugs).not.toContain(hidden.slug);
    const rec = json.body.useCases.find((u: { slug: string }) => u.slug === pub.slug);
    expect(Object.keys(rec).sort()).toEqual([...EXPORT_FIELDS].sort());
    expect(rec).toMatchObject({ policy_areas: ['mobility', 'climate'], state: 'ST', url: `http://praxis.test/use-cases/${pub.slug}` });

    const csv = await request(t.app).get('/use-cases.csv?state=ST&topic=mobility');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(EXPORT_FIELDS.join(','));
    const rows = lines.slice(1).filter((l) => l.includes(`/use-cases/${pub.slug}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("'=Formel im Titel");
    expect(rows[0]).toContain('"Stadt ""Export"", Test"');
    expect(rows[0]).toContain('mobility|climate');
    expect(csv.text).not.toContain(net.slug);
  });

  it('when an export filter has an unknown value, then every export and every filter answers 400 with the allowed values', async () => {
    for (const path of ['/use-cases.csv', '/use-cases.json']) {
      for (const facet of FACETS) {
        const res = await request(t.app).get(`${path}?${facet}=XX-unknown`);
        expect(res.status).toBe(400);
        expect(res.text).toContain('XX-unknown');
        expect(res.text).toContain(facetValues(facet).slice(0, 3).join(', '));
        expect(res.text).not.toContain('narrative_situation');
      }
    }
    const json = await request(t.app).get('/use-cases.json?state=BB&state=XX').set('Accept-Language', 'en');
    expect(json.status).toBe(400);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({ error: 'unknown_filter_value', problems: [{ parameter: 'state', values: ['XX'] }] });
    expect(json.body.problems[0].allowed).toContain('BB');
    const csv = await request(t.app).get('/use-cases.csv?state=XX');
    expect(csv.headers['content-type']).toMatch(/^text\/plain/);
    expect(csv.text).toMatch(/state/);
    // Known values and empty ones still export.
    expect((await request(t.app).get('/use-cases.csv?state=BB&topic=')).status).toBe(200);
  });

  it("when the README lists the CSV's columns, then they are the file's header in the same order", async () => {
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    const listed = /Fields, in the file's column order: `([^`]+)`/.exec(readme);
    expect(listed).not.toBeNull();
    const documented = listed![1]!.split(',').map((f) => f.trim());
    const csv = await request(t.app).get('/use-cases.csv');
    const header = csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    const expanded = documented.flatMap((f) => (f.endsWith('*') ? header.filter((h) => h.startsWith(f.slice(0, -1))) : [f]));
    expect(expanded).toEqual(header);
    expect(documented.at(-1)).toBe('narrative_*');
    expect(header.slice(documented.length - 1).every((h) => h.startsWith('narrative_'))).toBe(true);
  });

  it('when a cell starts like a formula or holds a quote, then the CSV cell is neutralised and quoted', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(['a', 'b'])).toBe('a|b');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Zeile\nzwei')).toBe('"Zeile\nzwei"');
  });

  it('when a case is created, edited and published, then search index rows are queued and the loader returns the document', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const res = await b.post('/use-cases', {
      title: 'Mobilitätsdialog Innenstadt', summary: 'Online-Dialog und Workshops zur autoarmen Innenstadt mit 800 Beiträgen.',
      department: 'mobility', status: 'completed', policyAreas: ['mobility'], iap2Level: 'involve', methods: ['online-dialogue', 'workshop'],
    }, '/use-cases/new');
    const slug = res.headers.location!.split('/')[2]!;
    const [uc] = await t.ctx.ds.query(`SELECT id FROM use_cases WHERE slug = $1`, [slug]);
    const queued = () => t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'use_case' AND (payload->>'id')::int = $1`, [uc.id]);
    expect((await queued())[0].n).toBeGreaterThanOrEqual(1);
    const source = usecasesModule.searchSources!.use_case!;
    expect(await source(t.ctx.ds.manager, [uc.id])).toEqual([]); // drafts are not searchable
    await b.post(`/use-cases/${slug}/edit/publish`, { publish: 'publish' }, `/use-cases/${slug}`);
    const [doc] = await source(t.ctx.ds.manager, [uc.id]);
    expect(doc).toMatchObject({
      id: `use_case:${uc.id}`, type: 'use_case', title: 'Mobilitätsdialog Innenstadt', topics: ['mobility'],
      methods: ['online-dialogue', 'workshop'], visibility: 'network', url: `/use-cases/${slug}`, language: 'de', state: 'TH', sizeClass: '20k-50k',
    });
    expect(doc!.body).toContain('autoarmen Innenstadt');
    expect(doc!.administration).toMatch(/^Stadt /);
  });
});
