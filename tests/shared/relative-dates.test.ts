import { describe, expect, it } from '@jest/globals';
import { fillRelativeDates, relativeDate, resolveDateValue } from '../../src/shared/relative-dates.js';

describe('relative dates in demo content', () => {
  const now = new Date('2026-12-04T10:00:00Z');

  it('when an expression says in or ago days, weeks or months, then the date is counted from now', () => {
    expect(relativeDate('in 21 days', now)!.toISOString().slice(0, 10)).toBe('2026-12-25');
    expect(relativeDate('3 days ago', now)!.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(relativeDate('in 2 weeks', now)!.toISOString().slice(0, 10)).toBe('2026-12-18');
    expect(relativeDate('in 1 month', now)!.toISOString().slice(0, 10)).toBe('2027-01-04');
    expect(relativeDate('today', now)!.toISOString().slice(0, 10)).toBe('2026-12-04');
    expect(relativeDate('2026-02-01', now)).toBeNull();
    expect(relativeDate('in many days', now)).toBeNull();
  });

  it('when a YAML value or a text holds one, then it is replaced; anything else stays as written', () => {
    expect(resolveDateValue('in 60 days', now)).toBe('2027-02-02');
    expect(resolveDateValue('2023-01-15', now)).toBe('2023-01-15');
    expect(resolveDateValue(42, now)).toBe(42);
    expect(fillRelativeDates('am **{in 21 days} und {in 22 days}**, Haushalt {year in 60 days}', now))
      .toBe('am **25. Dezember 2026 und 26. Dezember 2026**, Haushalt 2027');
    expect(fillRelativeDates('{not a date} und {in 3 parsecs}', now)).toBe('{not a date} und {in 3 parsecs}');
  });
});
