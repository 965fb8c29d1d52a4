import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { completeness, COMPLETENESS_LEVELS, type CompletenessInput } from '../../../src/modules/usecases/usecases.completeness.js';
import { NARRATIVE_SECTIONS } from '../../../src/modules/usecases/usecases.taxonomy.js';

const core: CompletenessInput = {
  title: 'Bürgerhaushalt', summary: 'Kurz', department: 'finance', status: 'running', policyAreas: ['budget'], iap2Level: 'consult',
  methods: ['survey'], startDate: null, endDate: null, formalBasis: null, digitalTool: null, format: null, targetGroups: [],
  participantCount: null, budgetBand: null, staffEffortDays: null, narrative: {}, contactCount: 0,
};
const full: CompletenessInput = {
  ...core, startDate: '2024-01-01', formalBasis: 'voluntary', digitalTool: 'consul', format: 'hybrid', targetGroups: ['youth'],
  participantCount: 0, budgetBand: 'lt5k', staffEffortDays: 10, contactCount: 1,
  narrative: Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, 'Text'])),
};
const rank = (l: string) => COMPLETENESS_LEVELS.indexOf(l as never);

describe('completeness', () => {
  it('when a core field is missing, then the case is a stub and the field is listed first', () => {
    const c = completeness({ ...core, methods: [] });
    expect(c.level).toBe('stub');
    expect(c.missing[0]).toBe('methods');
  });

  it('when only the core is filled, then it is basic and lists the optional fields and narrative sections as missing', () => {
    const c = completeness(core);
    expect(c.level).toBe('basic');
    expect(c.missing).toEqual(expect.arrayContaining(['startDate', 'digitalTool', 'contacts', 'narrative.situation', 'narrative.notWorked']));
    expect(c.missing).not.toContain('endDate'); // a running project has no end yet
  });

  it('when everything is filled, then it is complete at 100 % with nothing missing (0 participants counts as filled)', () => {
    expect(completeness(full)).toEqual({ level: 'complete', percent: 100, missing: [] });
  });

  it('when a completed project has no end date, then the end date is missing', () => {
    const c = completeness({ ...full, status: 'completed' });
    expect(c.level).toBe('good');
    expect(c.missing).toEqual(['endDate']);
  });

  it('when any field is filled in addition, then the level never goes down (property)', () => {
    const keys = ['startDate', 'formalBasis', 'digitalTool', 'format', 'budgetBand'] as const;
    fc.assert(
      fc.property(fc.subarray([...keys]), fc.subarray([...NARRATIVE_SECTIONS]), fc.constantFrom(...keys), (filledKeys, sections, extra) => {
        const base: CompletenessInput = { ...core, narrative: Object.fromEntries(sections.map((s) => [s, 'x'])) };
        for (const k of filledKeys) (base as unknown as Record<string, unknown>)[k] = 'x';
        const more = { ...base, [extra]: 'x' };
        const a = completeness(base);
        const b = completeness(more);
        expect(rank(b.level)).toBeGreaterThanOrEqual(rank(a.level));
        expect(b.percent).toBeGreaterThanOrEqual(a.percent);
        expect(b.missing.length).toBeLessThanOrEqual(a.missing.length);
      }),
    );
  });
});
