// View objects of the leaderboards: the period names on the Berlin calendar, the opt-in notice and
// the facilitators' CSV.
import type { Request } from 'express';
import type { Lang } from '../../shared/i18n.js';
import type { Period, RankedMember } from './leaderboards.queries.js';
import { csvDocument } from '../../shared/csv.js';

const monthFormats: Record<Lang, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }),
};

/** "Dezember 2026" / "2026": the Berlin calendar month or year around `at`. */
export function periodName(period: Period, at: Date, lang: Lang): string {
  return period === 'month' ? monthFormats[lang].format(at) : berlinParts(at).year;
}

const BERLIN_MONTH = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Berlin' });
function berlinParts(at: Date): { year: string; month: string } {
  const parts = BERLIN_MONTH.formatToParts(at);
  return { year: parts.find((p) => p.type === 'year')!.value, month: parts.find((p) => p.type === 'month')!.value };
}

/** The export's file name: rangliste-2026-12.csv / rangliste-2026.csv. */
export function csvFileName(period: Period, at: Date): string {
  const { year, month } = berlinParts(at);
  return `rangliste-${period === 'month' ? `${year}-${month}` : year}.csv`;
}

/** The query's period; anything else is the month. */
export const periodFrom = (v: unknown): Period => (v === 'year' ? 'year' : 'month');

/** The opt-in question for a member who has not answered, with where the answer returns to. */
export const noticeView = (choice: boolean | null | undefined, from: 'leaderboard' | 'points') => (choice === null ? { from } : null);

export function leaderboardCsv(req: Request, list: RankedMember[]): string {
  const head = ['rank', 'name', 'handle', 'administration', 'points'].map((k) => req.t(`recognition.leaderboards.csv.${k}`));
  const lines = list.map((m) => [String(m.rank), m.name, m.handle, m.administrationName ?? '', String(m.points)]);
  return csvDocument(head, lines);
}
