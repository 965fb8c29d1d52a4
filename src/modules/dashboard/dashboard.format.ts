// Numbers and percentages in the page's language (90,9 % in German, 90.9% in English).
import { LOCALE, type Lang } from '../../shared/i18n.js';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

// One formatter per language and number of digits, made once: building an Intl.NumberFormat costs
// about as much as a hundred formats, and the dashboard formats thousands of numbers per view (a
// profile of bench:pages put 2 % of the page's CPU in creating them).
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: Lang, n: number, digits = 0): string {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return f.format(n);
}

const percentFormats = new Map<Lang, Intl.NumberFormat>();
export function formatPercent(lang: Lang, share: number): string {
  let f = percentFormats.get(lang);
  if (!f) percentFormats.set(lang, (f = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 })));
  return f.format(share);
}

/** The change against the previous period: direction and text ("+12 %", "−3 %", "new"). */
export function change(lang: Lang, now: number, before: number): { direction: 'up' | 'down' | 'same'; text: string } {
  if (now === before) return { direction: 'same', text: '±0' };
  if (before === 0) return { direction: 'up', text: `+${formatNumber(lang, now)}` };
  const share = (now - before) / before;
  return { direction: share > 0 ? 'up' : 'down', text: `${share > 0 ? '+' : '−'}${formatPercent(lang, Math.abs(share))}` };
}
