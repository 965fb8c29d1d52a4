// The controlled lists of the use-case library. Departments, policy areas, methods, tools, target
// groups and budget bands are data in content/taxonomy/*.yml (facilitators extend them without a
// code change); the fixed scales (status, IAP2 level, format, formal basis) are constants here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { contentDir } from '../../paths.js';
import type { Lang } from '../../shared/i18n.js';

export const STATUSES = ['idea', 'planned', 'running', 'completed', 'stopped'] as const;
export const IAP2_LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export const FORMATS = ['online', 'offline', 'hybrid'] as const;
export const FORMAL_BASES = ['voluntary', 'statutory'] as const;
export const VISIBILITIES = ['network', 'public'] as const;
export const ADOPTION_STATUSES = ['interested', 'planning', 'implemented', 'stopped'] as const;
export const NARRATIVE_SECTIONS = [
  'situation', 'goal', 'process', 'involved', 'results', 'worked', 'notWorked', 'transferability', 'links',
] as const;

export type Status = (typeof STATUSES)[number];
export type Iap2Level = (typeof IAP2_LEVELS)[number];
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const TAXONOMY_LISTS = ['departments', 'policy-areas', 'methods', 'digital-tools', 'target-groups', 'budget-bands'] as const;
export type TaxonomyList = (typeof TAXONOMY_LISTS)[number];

export interface Term {
  key: string;
  de: string;
  en: string;
}
export type Taxonomy = Record<TaxonomyList, Term[]>;

const termSchema = z.object({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'key: lower-case letters, digits and "-" only'),
  de: z.string().trim().min(1, 'de: label missing'),
  en: z.string().trim().min(1, 'en: label missing'),
});

export class TaxonomyError extends Error {}

/** Parses and checks one list; throws TaxonomyError naming the file and entry. */
export function parseTaxonomyList(file: string, text: string): Term[] {
  const raw: unknown = parse(text);
  if (!Array.isArray(raw)) throw new TaxonomyError(`${file}: expected a list of { key, de, en }`);
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const r = termSchema.safeParse(entry);
    if (!r.success) throw new TaxonomyError(`${file}, entry ${i + 1}: ${r.error.issues.map((x) => x.message).join('; ')}`);
    if (seen.has(r.data.key)) throw new TaxonomyError(`${file}, entry ${i + 1}: duplicate key "${r.data.key}"`);
    seen.add(r.data.key);
    return r.data;
  });
}

export function loadTaxonomy(dir = path.join(contentDir, 'taxonomy')): Taxonomy {
  return Object.fromEntries(
    TAXONOMY_LISTS.map((name) => {
      const file = path.join(dir, `${name}.yml`);
      return [name, parseTaxonomyList(`${name}.yml`, readFileSync(file, 'utf8'))];
    }),
  ) as Taxonomy;
}

let cached: Taxonomy | undefined;
/** The taxonomy in memory (read once, at start-up: the router factory calls this). */
export function taxonomy(): Taxonomy {
  return (cached ??= loadTaxonomy());
}

export const termKeys = (list: TaxonomyList): string[] => taxonomy()[list].map((t) => t.key);

export function termLabel(list: TaxonomyList, key: string | null | undefined, lang: Lang): string {
  if (!key) return '';
  const t = taxonomy()[list].find((x) => x.key === key);
  return t ? t[lang] : key;
}

export const termOptions = (list: TaxonomyList, lang: Lang) => taxonomy()[list].map((t) => ({ value: t.key, label: t[lang] }));
