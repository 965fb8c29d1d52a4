import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { csvCell, EXPORT_FIELDS } from '../../../src/modules/usecases/usecases.export.js';
import { usecasesModule } from '../../../src/modules/usecases/index.js';

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
