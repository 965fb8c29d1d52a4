// The competence areas of the Kompetenzpass (content/taxonomy/competence-areas.yml) and the one
// way to file an item under them: a module passes the keys it knows of the item (methods, tools,
// tags) and its own default area; the areas whose `match` list contains one of the keys win.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { contentDir } from '../paths.js';
import type { Lang } from './i18n.js';

export interface CompetenceArea {
  key: string;
  de: string;
  en: string;
  match: string[];
}

const areaSchema = z.object({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'key: lower-case letters, digits and "-" only'),
  de: z.string().trim().min(1, 'de: label missing'),
  en: z.string().trim().min(1, 'en: label missing'),
  match: z.array(z.string().trim().toLowerCase()).default([]),
});

export class CompetenceAreasError extends Error {}

export function parseCompetenceAreas(file: string, text: string): CompetenceArea[] {
  const raw: unknown = parse(text);
  if (!Array.isArray(raw) || raw.length === 0) throw new CompetenceAreasError(`${file}: expected a list of { key, de, en, match }`);
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const r = areaSchema.safeParse(entry);
    if (!r.success) throw new CompetenceAreasError(`${file}, entry ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    if (seen.has(r.data.key)) throw new CompetenceAreasError(`${file}, entry ${i + 1}: duplicate key "${r.data.key}"`);
    seen.add(r.data.key);
    return r.data;
  });
}

let cached: CompetenceArea[] | undefined;
export function competenceAreas(): CompetenceArea[] {
  return (cached ??= parseCompetenceAreas('competence-areas.yml', readFileSync(path.join(contentDir, 'taxonomy', 'competence-areas.yml'), 'utf8')));
}

export const COMPETENCE_DEFAULTS = {
  forum: 'methods-formats',
  usecases: 'methods-formats',
  guides: 'competence-resources',
  academy: 'competence-resources',
  events: 'competence-resources',
} as const;

/** The areas `keys` (lower-cased) fall under, in the taxonomy's order; `fallback` when none matches. */
export function competencesOf(keys: readonly string[], fallback: string): string[] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  const hits = competenceAreas().filter((a) => a.match.some((m) => wanted.has(m))).map((a) => a.key);
  return hits.length ? hits : [fallback];
}

export function competenceLabel(key: string, lang: Lang): string {
  const a = competenceAreas().find((x) => x.key === key);
  return a ? a[lang] : key;
}
