// Micro-degree requirements and a member's progress towards them: the stored shape (checked by zod
// on every write, also for the demo file) and the pure computation over the member's facts and
// badges. No database here; microdegrees.queries.ts reads what progressOf needs.
import { z } from 'zod';
import { ACTIVITY_KINDS, type ActivityKind } from '../../shared/activity.js';

/** The rows of the facilitators' form, and the most requirements one micro-degree may have. */
export const MAX_REQUIREMENTS = 6;
export const MAX_CERTIFICATES = 50;
export const MAX_CONTRIBUTIONS = 1000;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const requirementSchema = z.discriminatedUnion('type', [
  /** Course certificates (facts academy.certificate; item id = course slug), from the listed courses when given. */
  z.strictObject({
    type: z.literal('certificates'),
    count: z.number().int().min(1).max(MAX_CERTIFICATES),
    courses: z.array(z.string().regex(SLUG).max(80)).max(MAX_CERTIFICATES).optional(),
  }),
  /** A contribution badge (recognition_assertions kind 'badge', class_key = key), not revoked. */
  z.strictObject({ type: z.literal('badge'), key: z.string().regex(SLUG).max(80) }),
  /** Facts of one activity kind that hold (e.g. 5 accepted answers); `label` names them in the micro-degree's language. */
  z.strictObject({
    type: z.literal('contributions'),
    kind: z.enum(ACTIVITY_KINDS),
    count: z.number().int().min(1).max(MAX_CONTRIBUTIONS),
    label: z.string().trim().min(1).max(120).optional(),
  }),
]).superRefine((r, ctx) => {
  if (r.type === 'certificates' && r.courses) {
    if (new Set(r.courses).size !== r.courses.length) ctx.addIssue({ code: 'custom', path: ['courses'], message: 'a course is listed twice' });
    if (r.count > r.courses.length) ctx.addIssue({ code: 'custom', path: ['count'], message: 'more certificates than listed courses' });
  }
});
export type Requirement = z.infer<typeof requirementSchema>;

export const requirementsSchema = z.array(requirementSchema).min(1).max(MAX_REQUIREMENTS);

export interface Evidence {
  url: string;
  title: string;
}

/** What the member has towards the requirements, by activity kind: how many facts hold, and the first of them. */
export interface FactItem extends Evidence {
  itemId: string;
}
export type FactSummary = Map<string, { count: number; items: FactItem[] }>;

/** The member's badges that are not revoked: key → assertion id. */
export type BadgeHoldings = Map<string, string>;

export interface RequirementProgress {
  requirement: Requirement;
  /** Counted towards `need` (capped at it). */
  have: number;
  need: number;
  met: boolean;
  /** What meets it (at most `need` links). */
  evidence: Evidence[];
  /** Listed courses without a certificate yet (certificates with `courses`). */
  missingCourses: string[];
}

export interface Progress {
  requirements: RequirementProgress[];
  done: number;
  total: number;
  complete: boolean;
}

const distinctByUrl = (list: Evidence[]) => {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.url) ? false : (seen.add(e.url), true)));
};

export function requirementProgress(r: Requirement, facts: FactSummary, badges: BadgeHoldings): RequirementProgress {
  if (r.type === 'certificates') {
    const all = facts.get('academy.certificate')?.items ?? [];
    const held = r.courses ? all.filter((f) => r.courses!.includes(f.itemId)) : all;
    const distinct = [...new Map(held.map((f) => [f.itemId, f])).values()];
    const have = Math.min(distinct.length, r.count);
    const heldSlugs = new Set(distinct.map((f) => f.itemId));
    return {
      requirement: r, have, need: r.count, met: have >= r.count,
      evidence: distinct.slice(0, r.count).map(({ url, title }) => ({ url, title })),
      missingCourses: (r.courses ?? []).filter((c) => !heldSlugs.has(c)),
    };
  }
  if (r.type === 'badge') {
    const id = badges.get(r.key);
    return { requirement: r, have: id ? 1 : 0, need: 1, met: !!id, evidence: id ? [{ url: `/recognition/assertions/${id}`, title: r.key }] : [], missingCourses: [] };
  }
  const got = facts.get(r.kind);
  const have = Math.min(got?.count ?? 0, r.count);
  return {
    requirement: r, have, need: r.count, met: have >= r.count,
    evidence: distinctByUrl((got?.items ?? []).slice(0, r.count).map(({ url, title }) => ({ url, title }))),
    missingCourses: [],
  };
}

export function progressOf(requirements: Requirement[], facts: FactSummary, badges: BadgeHoldings): Progress {
  const list = requirements.map((r) => requirementProgress(r, facts, badges));
  const done = list.reduce((s, p) => s + p.have, 0);
  const total = list.reduce((s, p) => s + p.need, 0);
  return { requirements: list, done, total, complete: list.length > 0 && list.every((p) => p.met) };
}

/** The activity kinds the requirements count (academy.certificate for certificates); the badge keys they need. */
export function kindsOf(requirements: Requirement[]): { kinds: ActivityKind[]; badges: string[] } {
  const kinds = new Set<ActivityKind>();
  const badges = new Set<string>();
  for (const r of requirements) {
    if (r.type === 'certificates') kinds.add('academy.certificate');
    else if (r.type === 'badge') badges.add(r.key);
    else kinds.add(r.kind);
  }
  return { kinds: [...kinds], badges: [...badges] };
}

/** How many facts of a kind progressOf needs to see at most (the largest count asked for). */
export function mostNeeded(requirements: Requirement[]): number {
  return Math.max(1, ...requirements.map((r) => (r.type === 'badge' ? 1 : r.count)));
}

/** The evidence of a completed micro-degree: every requirement's links, each once. */
export function evidenceOf(progress: Progress): Evidence[] {
  return distinctByUrl(progress.requirements.flatMap((p) => p.evidence));
}
