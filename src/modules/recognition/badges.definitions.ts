// Badge definitions (content/badges.yml), separate from the grants (recognition_assertions), as
// Discourse keeps them. Criteria are data, evaluated by badges.queries.ts; never SQL strings. Read
// once at start-up; a mistake stops the boot with its line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contentDir } from '../../paths.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../../shared/activity.js';
import type { Lang } from '../../shared/i18n.js';
import { parseYamlFile, type FileIssue } from '../../shared/yaml-file.js';

export const BADGE_LEVELS = ['bronze', 'silver', 'gold'] as const;
export type BadgeLevel = (typeof BADGE_LEVELS)[number];

/** The ring colour of each level on the badge images. */
export const LEVEL_RING: Record<BadgeLevel, string> = { bronze: '#cd7f32', silver: '#c0c0c0', gold: '#ffd700' };

const kind = z.enum(ACTIVITY_KINDS, { error: () => `one of ${ACTIVITY_KINDS.join(', ')}` });
const min = z.number().int('a whole number').min(1).max(100_000);
const criteriaSchema = z.union([
  z.strictObject({ count: z.strictObject({ kinds: z.array(kind).min(1, 'at least one kind'), min }) }),
  z.strictObject({ per_item: z.strictObject({ kind, min }) }),
  z.strictObject({ member_rank: z.strictObject({ max: min }) }),
  z.strictObject({ manual: z.literal(true) }),
], { error: () => 'one of count: { kinds, min }, per_item: { kind, min }, member_rank: { max }, manual: true' });
const textSchema = z.strictObject({ name: z.string().trim().min(1, 'name missing').max(80), description: z.string().trim().min(1, 'description missing').max(400) });
const badgeSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and "-" only').max(60),
  level: z.enum(BADGE_LEVELS, { error: () => `one of ${BADGE_LEVELS.join(', ')}` }),
  initials: z.string().regex(/^[\p{Lu}\p{N}]{1,2}$/u, 'one or two capital letters or digits').optional(),
  repeatable: z.boolean().optional(),
  criteria: criteriaSchema,
  de: textSchema,
  en: textSchema,
});
const fileSchema = z.strictObject({ badges: z.array(badgeSchema).min(1, 'at least one badge') });

export type BadgeCriteria =
  | { type: 'count'; kinds: ActivityKind[]; min: number }
  | { type: 'per_item'; kind: ActivityKind; min: number }
  | { type: 'member_rank'; max: number }
  | { type: 'manual' };

export interface BadgeDefinition {
  key: string;
  level: BadgeLevel;
  initials: string | null;
  /** Granted again for each item (per_item criteria only); otherwise once per member. */
  repeatable: boolean;
  criteria: BadgeCriteria;
  de: { name: string; description: string };
  en: { name: string; description: string };
}

export function parseBadges(file: string, text: string): BadgeDefinition[] {
  const data = parseYamlFile(file, text, fileSchema, (d, at) => {
    const issues: FileIssue[] = [];
    const seen = new Set<string>();
    d.badges.forEach((b, i) => {
      if (seen.has(b.key)) issues.push({ line: at.lineOf(['badges', i, 'key']), message: `badges[${i}].key: "${b.key}" is used twice` });
      seen.add(b.key);
      if (b.repeatable && !('per_item' in b.criteria)) {
        issues.push({ line: at.lineOf(['badges', i, 'repeatable']), message: `badges[${i}].repeatable: only per_item criteria can grant a badge more than once` });
      }
    });
    return issues;
  });
  return data.badges.map((b): BadgeDefinition => {
    const c = b.criteria;
    const criteria: BadgeCriteria = 'count' in c ? { type: 'count', ...c.count }
      : 'per_item' in c ? { type: 'per_item', ...c.per_item }
        : 'member_rank' in c ? { type: 'member_rank', ...c.member_rank } : { type: 'manual' };
    return { key: b.key, level: b.level, initials: b.initials ?? null, repeatable: b.repeatable ?? false, criteria, de: b.de, en: b.en };
  });
}

export const BADGES_FILE = path.join(contentDir, 'badges.yml');

let cached: BadgeDefinition[] | undefined;
/** The definitions in memory, read at start-up (the router factory calls this, so a bad file stops the boot). */
export function badgeDefinitions(): BadgeDefinition[] {
  return (cached ??= parseBadges('content/badges.yml', readFileSync(BADGES_FILE, 'utf8')));
}

export function badgeByKey(key: string): BadgeDefinition | undefined {
  return badgeDefinitions().find((b) => b.key === key);
}

export const isManual = (b: BadgeDefinition) => b.criteria.type === 'manual';

export const badgeText = (b: BadgeDefinition, lang: Lang) => b[lang];
