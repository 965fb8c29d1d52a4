import { describe, expect, it } from '@jest/globals';
import { berlinInstant, berlinTime, digestPeriod, duePeriod, dueSchedules, DIGEST_CATCH_UP_HOURS } from '../../../src/modules/notifications/digest-schedule.js';

const at = (iso: string) => new Date(iso);

describe('digest schedule (Europe/Berlin)', () => {
  it('when it is winter, then 7:00 Berlin is 6:00 UTC; in summer it is 5:00 UTC', () => {
    expect(berlinInstant(2026, 1, 14, 7).toISOString()).toBe('2026-01-14T06:00:00.000Z');
    expect(berlinInstant(2026, 7, 14, 7).toISOString()).toBe('2026-07-14T05:00:00.000Z');
    expect(berlinTime(at('2026-07-14T05:30:00Z'))).toMatchObject({ year: 2026, month: 7, day: 14, hour: 7, minute: 30, weekday: 2 });
  });

  it('when the hour does not exist (spring forward), then it means 3:00 summer time; an hour that exists twice means the second (as PostgreSQL reads it)', () => {
    expect(berlinInstant(2026, 3, 29, 2).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(berlinInstant(2026, 10, 25, 2).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    // The hours around the change are unaffected.
    expect(berlinInstant(2026, 3, 29, 1).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(berlinInstant(2026, 3, 29, 3).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(berlinInstant(2026, 10, 25, 3).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('when a daily digest at 7:00 is asked before 7:00, then the period began yesterday at 7:00; from 7:00 on, today', () => {
    const daily = { frequency: 'daily' as const, weekday: 1, hour: 7 };
    expect(digestPeriod(daily, at('2026-01-14T05:59:59Z'))).toEqual({ start: at('2026-01-13T06:00:00Z'), previousStart: at('2026-01-12T06:00:00Z') });
    expect(digestPeriod(daily, at('2026-01-14T06:00:00Z'))).toEqual({ start: at('2026-01-14T06:00:00Z'), previousStart: at('2026-01-13T06:00:00Z') });
  });

  it('when a daily period spans the change to summer time, then it is 23 hours long (7:00 to 7:00 Berlin)', () => {
    const p = digestPeriod({ frequency: 'daily', weekday: 1, hour: 7 }, at('2026-03-29T05:10:00Z'))!;
    expect(p.start.toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(p.previousStart.toISOString()).toBe('2026-03-28T06:00:00.000Z');
    // and 25 hours in October
    const q = digestPeriod({ frequency: 'daily', weekday: 1, hour: 7 }, at('2026-10-25T06:10:00Z'))!;
    expect(q.start.toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(q.previousStart.toISOString()).toBe('2026-10-24T05:00:00.000Z');
  });

  it('when a weekly digest is on Monday at 7:00, then its period starts on the last Monday at 7:00 Berlin (also across a month end)', () => {
    const weekly = { frequency: 'weekly' as const, weekday: 1, hour: 7 };
    // Thursday 2026-01-01 → Monday 2025-12-29
    expect(digestPeriod(weekly, at('2026-01-01T12:00:00Z'))).toEqual({ start: at('2025-12-29T06:00:00Z'), previousStart: at('2025-12-22T06:00:00Z') });
    // Monday 2026-01-05 at 6:59 Berlin → still the week before
    expect(digestPeriod(weekly, at('2026-01-05T05:59:00Z'))!.start).toEqual(at('2025-12-29T06:00:00Z'));
    expect(digestPeriod(weekly, at('2026-01-05T06:00:00Z'))!.start).toEqual(at('2026-01-05T06:00:00Z'));
    // Sunday (7) at 20:00
    expect(digestPeriod({ frequency: 'weekly', weekday: 7, hour: 20 }, at('2026-01-05T06:00:00Z'))!.start).toEqual(at('2026-01-04T19:00:00Z'));
  });

  it('when the Berlin date differs from the UTC date (just after midnight Berlin), then the Berlin day counts', () => {
    // 2026-01-13 23:30 UTC is Wednesday 2026-01-14 00:30 in Berlin.
    const p = digestPeriod({ frequency: 'weekly', weekday: 3, hour: 0 }, at('2026-01-13T23:30:00Z'))!;
    expect(p.start.toISOString()).toBe('2026-01-13T23:00:00.000Z');
  });

  it('when the digest is off, then there is no period', () => {
    expect(digestPeriod({ frequency: 'off', weekday: 1, hour: 7 }, at('2026-01-14T06:00:00Z'))).toBeNull();
  });

  it(`when more than ${DIGEST_CATCH_UP_HOURS} hours passed since the scheduled time, then the period is no longer due`, () => {
    const daily = { frequency: 'daily' as const, weekday: 1, hour: 7 };
    expect(duePeriod(daily, at('2026-01-14T06:00:00Z'))).not.toBeNull();
    expect(duePeriod(daily, at(`2026-01-14T${String(6 + DIGEST_CATCH_UP_HOURS - 1).padStart(2, "0")}:59:00Z`))).not.toBeNull();
    expect(duePeriod(daily, at(`2026-01-14T${String(6 + DIGEST_CATCH_UP_HOURS).padStart(2, "0")}:00:00Z`))).toBeNull();
  });

  it('when listing what is due at a moment, then each schedule due appears once with its period, and only those', () => {
    const now = at('2026-01-14T06:30:00Z'); // Wednesday 7:30 Berlin
    const due = dueSchedules(now);
    const daily = due.filter((d) => d.frequency === 'daily').map((d) => d.hour).sort((a, b) => a - b);
    expect(daily).toEqual(Array.from({ length: DIGEST_CATCH_UP_HOURS }, (_, i) => 7 - DIGEST_CATCH_UP_HOURS + 1 + i));
    expect(due.filter((d) => d.frequency === 'weekly').every((d) => d.weekday === 3)).toBe(true);
    expect(due.find((d) => d.frequency === 'weekly' && d.hour === 7)!.start).toEqual(at('2026-01-14T06:00:00Z'));
    expect(due.find((d) => d.frequency === 'weekly' && d.hour === 8)).toBeUndefined();
  });
});
