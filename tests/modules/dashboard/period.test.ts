// The dashboard period from the query string: kinds, Berlin days, the previous period, fallbacks.
import { describe, expect, it } from '@jest/globals';
import { bucketsOf, periodFromQuery, periodQuery } from '../../../src/modules/dashboard/dashboard.period.js';

const NOW = new Date('2026-12-04T23:30:00Z'); // already 5 December in Berlin

describe('dashboard period', () => {
  it('when the last 30 days are picked, then they end today in Berlin and the previous 30 days come before', () => {
    expect(periodFromQuery({ period: '30d' }, NOW)).toMatchObject({ kind: '30d', from: '2026-11-06', to: '2026-12-05', days: 30, prevFrom: '2026-10-07', prevTo: '2026-11-05' });
  });

  it('when a calendar year or a custom range is picked, then it is used; an invalid one falls back to 90 days', () => {
    expect(periodFromQuery({ period: 'year', year: '2025' }, NOW)).toMatchObject({ from: '2025-01-01', to: '2025-12-31', days: 365, prevFrom: '2024-01-01', prevTo: '2024-12-31' });
    expect(periodFromQuery({ period: 'year', year: '2026' }, NOW)).toMatchObject({ from: '2026-01-01', to: '2026-12-05' });
    expect(periodFromQuery({ period: 'custom', from: '2026-03-01', to: '2026-03-31' }, NOW)).toMatchObject({ from: '2026-03-01', to: '2026-03-31', days: 31, prevTo: '2026-02-28' });
    for (const q of [{ period: 'custom', from: '2026-02-30', to: '2026-03-31' }, { period: 'custom', from: '2026-04-01', to: '2026-03-01' },
      { period: 'custom', from: '2026-03-01', to: '2027-01-01' }, { period: 'decade' }, {}]) {
      expect(periodFromQuery(q, NOW)).toMatchObject({ kind: '90d', days: 90, to: '2026-12-05' });
    }
    expect(periodQuery(periodFromQuery({ period: 'custom', from: '2026-03-01', to: '2026-03-31' }, NOW))).toBe('period=custom&from=2026-03-01&to=2026-03-31');
  });

  it('when the period is short, then it is cut into ISO weeks; when long, into months', () => {
    const weeks = bucketsOf(periodFromQuery({ period: '30d' }, NOW), 'de');
    expect(weeks[0]).toEqual({ from: '2026-11-06', to: '2026-11-08', label: 'KW 45' });
    expect(weeks.at(-1)).toEqual({ from: '2026-11-30', to: '2026-12-05', label: 'KW 49' });
    const months = bucketsOf(periodFromQuery({ period: 'year', year: '2025' }, NOW), 'en');
    expect(months).toHaveLength(12);
    expect(months[1]).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
  });
});
