// Numbers and percentages in the page's language (90,9 % in German, 90.9% in English).
import type { Lang } from '../../shared/i18n.js';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function formatNumber(lang: Lang, n: number, digits = 0): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function formatPercent(lang: Lang, share: number): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(share);
}

/** The change against the previous period: direction and text ("+12 %", "−3 %", "new"). */
export function change(lang: Lang, now: number, before: number): { direction: 'up' | 'down' | 'same'; text: string } {
  if (now === before) return { direction: 'same', text: '±0' };
  if (before === 0) return { direction: 'up', text: `+${formatNumber(lang, now)}` };
  const share = (now - before) / before;
  return { direction: share > 0 ? 'up' : 'down', text: `${share > 0 ? '+' : '−'}${formatPercent(lang, Math.abs(share))}` };
}
