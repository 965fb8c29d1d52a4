// Message catalogues: src/locales/<lang>/*.json, one file per module, merged and flattened to
// dotted keys ("accounts.login.title"). t() falls back to German, then to the key itself.
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import path from 'node:path';
import { localesDir } from '../paths.js';

export const LANGUAGES = ['de', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'de';
export const isLang = (v: unknown): v is Lang => v === 'de' || v === 'en';

type Catalogue = Map<string, string>;
const catalogues = new Map<Lang, Catalogue>();

function flatten(obj: Record<string, unknown>, prefix: string, into: Catalogue): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, into);
    else into.set(key, String(v));
  }
}

export function loadCatalogues(dir = localesDir): void {
  for (const lang of LANGUAGES) {
    const cat: Catalogue = new Map();
    const langDir = path.join(dir, lang);
    for (const file of readdirSync(langDir).filter((f) => f.endsWith('.json')).sort()) {
      flatten(JSON.parse(readFileSync(path.join(langDir, file), 'utf8')), '', cat);
    }
    catalogues.set(lang, cat);
  }
}

export function hasKey(lang: Lang, key: string): boolean {
  if (!catalogues.size) loadCatalogues();
  return catalogues.get(lang)!.has(key);
}

/** Translates `key`, replacing {name} placeholders with `vars`. */
export function translate(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  if (!catalogues.size) loadCatalogues();
  const text = catalogues.get(lang)?.get(key) ?? catalogues.get(DEFAULT_LANG)?.get(key) ?? key;
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

const CONTENT_PLACE = '\uE000';

/**
 * A translated sentence with a piece of content in it ("Result: {quiz}"), as HTML: the content
 * (`vars[name]`, a title in its own language) is wrapped in <span lang> (WCAG 3.1.2), everything
 * else escaped. Without a known language the content is escaped plain text, like translate().
 */
export function translateMarked(lang: Lang, key: string, vars: Record<string, unknown>, name: string, language: unknown): Handlebars.SafeString {
  const sentence = Handlebars.escapeExpression(translate(lang, key, { ...vars, [name]: CONTENT_PLACE }));
  const content = Handlebars.escapeExpression(String(vars[name] ?? ''));
  const marked = language === 'de' || language === 'en' ? `<span lang="${language}">${content}</span>` : content;
  return new Handlebars.SafeString(sentence.split(CONTENT_PLACE).join(marked));
}

export const catalogueKeys = (lang: Lang): string[] => {
  if (!catalogues.size) loadCatalogues();
  return [...catalogues.get(lang)!.keys()];
};

/** The locale of a page language for Intl formatters. */
export const LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const TIME_ZONE = 'Europe/Berlin';

// Formatters are built once per language and style: constructing an Intl formatter costs far more
// than using one (measured on the forum thread page: a fifth of the CPU time, and native memory churn).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Lang, Intl.NumberFormat>();
const percentFormats = new Map<Lang, Intl.NumberFormat>();

// The same dates come back on every view of a page (a thread's posts): the formatted text is kept,
// up to a bound, since Intl formatting is the costlier part of rendering a date.
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_MAX = 20_000;

export function formatDate(lang: Lang, d: Date | string | null | undefined, withTime = false): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  const key = `${lang}:${withTime}`;
  const memo = `${key}:${date.getTime()}`;
  const known = formattedDates.get(memo);
  if (known !== undefined) return known;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: TIME_ZONE });
    dateFormats.set(key, f);
  }
  const text = f.format(date);
  if (formattedDates.size >= FORMATTED_DATES_MAX) formattedDates.clear();
  formattedDates.set(memo, text);
  return text;
}

export function formatNumber(lang: Lang, n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LOCALE[lang])));
  return f.format(n);
}

/**
 * A share given in percent (0–100, as stored: 90.9) in the page language: "90,9 %" in German,
 * "90.9%" in English; at most one decimal.
 */
export function formatPercent(lang: Lang, percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  let f = percentFormats.get(lang);
  if (!f) percentFormats.set(lang, (f = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 })));
  return f.format(percent / 100);
}

/** Picks the best language from an Accept-Language header. */
export function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase().slice(0, 2), q: q ? Number(q.split('=')[1]) : 1 };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q);
  return prefs.map((p) => p.tag).find(isLang);
}
