import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';
import {
  ADMINISTRATION_KINDS, referenceOf, similarity, similarityReasonText, similaritySql, SIZE_CLASS_POPULATION, type SimilarityRef,
} from '../../../src/modules/administrations/index.js';

const POPULATIONS = [null, 0, 900, 3_700, 12_000, 45_000, 187_000, 1_800_000];
const STATES = ['BY', 'NW'];

describe('administrations: the similarity score ("municipalities like mine")', () => {
  const t = useTestApp();

  it('when the database computes similaritySql over a grid of kinds × populations × Länder, then it equals the TypeScript score everywhere', async () => {
    const others: SimilarityRef[] = [];
    for (const kind of ADMINISTRATION_KINDS) for (const population of POPULATIONS) for (const state of STATES) others.push({ kind, population, state });
    const refs = others.filter((_, i) => i % 2 === 0); // every kind × population, in BY: against BY and NW gives same and other Land
    const sql = similaritySql('a', { kind: '$1', population: '$2', state: '$3' });
    let compared = 0;
    for (const ref of refs) {
      // The reference as untyped parameters (as the list passes it), the others as a VALUES list.
      const values = others.map((o, i) => `(${i}, '${o.kind}', ${o.population ?? 'NULL'}::int, '${o.state}')`).join(', ');
      const got = (await t.ctx.ds.query(
        `SELECT a.i, ${sql} AS score FROM (VALUES ${values}) AS a(i, kind, population, state) ORDER BY a.i`,
        [ref.kind, ref.population, ref.state],
      )) as { i: number; score: number }[];
      expect(got).toHaveLength(others.length);
      for (const row of got) {
        expect(row.score).toBeCloseTo(similarity(ref, others[row.i]!), 9);
        compared++;
      }
    }
    expect(compared).toBe(refs.length * others.length);
    // The grid covers what it claims: same and other Land, unknown sizes, related kinds.
    expect(similarity({ kind: 'municipality', population: 3_700, state: 'BY' }, { kind: 'municipality', population: 3_700, state: 'BY' })).toBe(1);
    expect(similarity({ kind: 'municipality', population: null, state: 'BY' }, { kind: 'city_state', population: 1_800_000, state: 'NW' })).toBeCloseTo(0.4 * 0.5 + 0.4 * 0.25, 9);
  });

  it('when a city state is stored, then the kind is accepted, and referenceOf gives its kind, population and Land', async () => {
    const hh = await createAdministration(t.ctx.ds, { kind: 'city_state', state: 'HH', population: 1_800_000 });
    expect(await referenceOf(t.ctx.ds, hh.id)).toEqual({ kind: 'city_state', population: 1_800_000, state: 'HH' });
    expect(await referenceOf(t.ctx.ds, null)).toBeNull();
    expect(await referenceOf(t.ctx.ds, 2_000_000_000)).toBeNull();
    await expect(createAdministration(t.ctx.ds, { kind: 'castle' })).rejects.toThrow(/administrations_kind_check/);
  });

  it('when an admin creates a city state through the form, then it is stored as one and labelled "Stadtstaat" in profile, list filter and form', async () => {
    const totpSecret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret });
    const b = await signedIn(t.app, { ...admin, totpSecret });
    const form = await b.get('/admin/administrations/new');
    expect(form.text).toMatch(/<option value="city_state"[^>]*>Stadtstaat<\/option>/);
    const slug = uniq('stadtstaat-');
    const res = await b.post('/admin/administrations', {
      name: `Freie Hansestadt ${slug}`, slug, kind: 'city_state', state: 'HB', ags: '', population: '570000',
      website: '', domains: `${slug}.example`, description: '',
    }, '/admin/administrations/new');
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT kind, state, size_class FROM administrations WHERE slug = $1`, [slug]);
    expect(row).toEqual({ kind: 'city_state', state: 'HB', size_class: 'gt500k' });
    expect((await b.get(`/administrations/${slug}`)).text).toContain('Stadtstaat · Bremen');
    const list = await b.get('/administrations?kind=city_state&state=HB');
    expect(list.text).toContain(`/administrations/${slug}"`);
  });

  it('when the reasons are put into words, then they say size, Land and kind in German and English', () => {
    const village: SimilarityRef = { kind: 'municipality', population: 3_200, state: 'BY' };
    expect(similarityReasonText('de', village, { kind: 'municipality', population: 2_900, state: 'BY' })).toBe('Ähnliche Größe, gleiches Bundesland, auch eine Gemeinde / Stadt');
    expect(similarityReasonText('en', village, { kind: 'municipality', population: 12_000, state: 'NW' })).toBe('Comparable size, also a municipality');
    const county: SimilarityRef = { kind: 'county', population: 120_000, state: 'BY' };
    expect(similarityReasonText('en', county, { kind: 'county', population: 250_000, state: 'NW' })).toBe('Similar size, also a county');
    expect(similarityReasonText('de', county, { kind: 'city_state', population: 1_800_000, state: 'HH' })).toBe('Verwandte Verwaltungsart (Stadtstaat)');
    expect(similarityReasonText('en', { kind: 'state_agency', population: null, state: 'BY' }, { kind: 'partner', population: null, state: 'NW' })).toBe('');
    expect(SIZE_CLASS_POPULATION['lt10k']).toBeLessThan(10_000);
  });
});
