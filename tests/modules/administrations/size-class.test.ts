import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sizeClassOf, SIZE_CLASSES, STATES, STATE_CODES } from '../../../src/modules/administrations/index.js';
import { administrationSchema } from '../../../src/modules/administrations/administrations.schemas.js';
import { useTestApp } from '../../support/app.js';
import { uniq } from '../../support/factories.js';

describe('size classes', () => {
  const t = useTestApp();

  /** What the generated column administrations.size_class says, for rows inserted and rolled back. */
  async function sqlSizeClasses(populations: (number | null)[]): Promise<(string | null)[]> {
    const runner = t.ctx.ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const out: (string | null)[] = [];
      for (const p of populations) {
        const [row] = await runner.query(
          `INSERT INTO administrations (slug, name, kind, state, population) VALUES ($1, 'x', 'municipality', 'TH', $2) RETURNING size_class`,
          [uniq('size-'), p]);
        out.push(row.size_class);
      }
      return out;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('when populations sit on each boundary, then sizeClassOf and the database column agree', async () => {
    const populations = [null, 0, 1, 9_999, 10_000, 19_999, 20_000, 49_999, 50_000, 99_999, 100_000, 499_999, 500_000, 3_700_000];
    const expected = [null, 'lt10k', 'lt10k', 'lt10k', '10k-20k', '10k-20k', '20k-50k', '20k-50k', '50k-100k', '50k-100k', '100k-500k', '100k-500k', 'gt500k', 'gt500k'];
    expect(populations.map(sizeClassOf)).toEqual(expected);
    expect(await sqlSizeClasses(populations)).toEqual(expected);
  });

  it('when populations are random, then sizeClassOf and the database column agree', async () => {
    const populations = fc.sample(fc.integer({ min: 0, max: 2_000_000_000 }), 200)
      .concat(fc.sample(fc.integer({ min: 0, max: 600_000 }), 200));
    expect(await sqlSizeClasses(populations)).toEqual(populations.map(sizeClassOf));
  });

  it('when classes are listed, then they are in ascending order and each is reachable', () => {
    expect([5_000, 15_000, 30_000, 70_000, 200_000, 900_000].map(sizeClassOf)).toEqual([...SIZE_CLASSES]);
  });
});

describe('administration form rules', () => {
  const base = { name: 'Stadt Jena', slug: 'stadt-jena', kind: 'municipality', state: 'TH', ags: '16053000', population: '110500', website: '', domains: 'jena.de', description: '' };

  it('when the AGS prefix is compared, then every state accepts its own two digits and refuses the others', () => {
    for (const state of STATE_CODES) {
      for (const [other, prefix] of Object.entries(STATES)) {
        const r = administrationSchema.safeParse({ ...base, state, ags: `${prefix}000000` });
        expect(r.success).toBe(other === state);
      }
    }
  });

  it('when inputs are messy but valid, then they are normalised', () => {
    const r = administrationSchema.parse({ ...base, slug: ' Stadt-Jena ', ags: '16 053 000', population: '110.500', domains: 'Jena.de, @Stadt.Jena.de;jena.de' });
    expect(r).toMatchObject({ slug: 'stadt-jena', ags: '16053000', population: 110500, domains: ['jena.de', 'stadt.jena.de'], website: null });
    expect(administrationSchema.parse({ ...base, ags: '', population: '' })).toMatchObject({ ags: null, population: null });
  });

  it('when the population is any whole number from 0 up, then it is accepted; anything negative is not', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) =>
      administrationSchema.safeParse({ ...base, population: String(n) }).success));
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: -1 }), (n) =>
      !administrationSchema.safeParse({ ...base, population: String(n) }).success));
  });
});
