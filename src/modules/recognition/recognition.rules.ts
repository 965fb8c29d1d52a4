// The points rules (content/recognition.yml): reasons with their points, daily caps and the
// activity events that award them. Read once at start-up; a mistake stops the boot with its line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contentDir } from '../../paths.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../../shared/activity.js';
import type { Lang } from '../../shared/i18n.js';
import { parseYamlFile, type FileIssue } from '../../shared/yaml-file.js';

const reasonSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and "-" only'),
  points: z.number().int('a whole number').min(0).max(1000),
  events: z.array(z.enum(ACTIVITY_KINDS, { error: () => `one of ${ACTIVITY_KINDS.join(', ')}` })).min(1, 'at least one event'),
  daily_cap: z.number().int('a whole number').positive().optional(),
  de: z.string().trim().min(1, 'label missing'),
  en: z.string().trim().min(1, 'label missing'),
});
const rulesSchema = z.strictObject({ reasons: z.array(reasonSchema).min(1, 'at least one reason') });

export interface Reason {
  key: string;
  points: number;
  events: ActivityKind[];
  dailyCap: number | null;
  de: string;
  en: string;
}

export interface Rules {
  reasons: Reason[];
  /** The reasons an activity kind awards. */
  byKind: Map<string, Reason[]>;
}

export function parseRules(file: string, text: string): Rules {
  const data = parseYamlFile(file, text, rulesSchema, (d, at) => {
    const issues: FileIssue[] = [];
    const seen = new Set<string>();
    d.reasons.forEach((r, i) => {
      if (seen.has(r.key)) issues.push({ line: at.lineOf(['reasons', i, 'key']), message: `reasons[${i}].key: "${r.key}" is used twice` });
      seen.add(r.key);
      if (r.daily_cap !== undefined && r.daily_cap < r.points) {
        issues.push({ line: at.lineOf(['reasons', i, 'daily_cap']), message: `reasons[${i}].daily_cap: smaller than the points of one award (${r.points})` });
      }
    });
    return issues;
  });
  const reasons = data.reasons.map((r): Reason => ({ key: r.key, points: r.points, events: r.events, dailyCap: r.daily_cap ?? null, de: r.de, en: r.en }));
  const byKind = new Map<string, Reason[]>();
  for (const r of reasons) for (const k of r.events) byKind.set(k, [...(byKind.get(k) ?? []), r]);
  return { reasons, byKind };
}

export const RULES_FILE = path.join(contentDir, 'recognition.yml');

let cached: Rules | undefined;
/** The rules in memory, read at start-up (the router factory calls this, so a bad file stops the boot). */
export function rules(): Rules {
  return (cached ??= parseRules('content/recognition.yml', readFileSync(RULES_FILE, 'utf8')));
}

export function reasonLabel(key: string, lang: Lang): string {
  const r = rules().reasons.find((x) => x.key === key);
  return r ? r[lang] : key;
}
