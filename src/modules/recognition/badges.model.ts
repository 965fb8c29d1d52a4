// Which badges a member's facts earn: a pure function of the definitions, the facts that hold
// (in the order they began) and the member's rank among the network's members.
import type { BadgeDefinition } from './badges.definitions.js';

export interface HeldFact {
  kind: string;
  itemType: string;
  itemId: string;
  title: string;
  url: string;
}

export interface Evidence {
  url: string;
  title: string;
}

export interface EarnedGrant {
  badge: BadgeDefinition;
  /** '' for a badge granted once; the item's id for a repeatable one. */
  sourceKey: string;
  evidence: Evidence[];
}

/** At most this many links of evidence per grant (a mentor's 25 votes are a few replies). */
export const MAX_EVIDENCE = 20;

/** The facts' items as evidence: each item once, in the order they began. */
export function evidenceOf(facts: HeldFact[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const f of facts) {
    const key = `${f.itemType}:${f.itemId}`;
    if (seen.has(key) || !f.url) continue;
    seen.add(key);
    out.push({ url: f.url, title: f.title });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

/**
 * The grants the member has earned. `facts`: what holds for them (not counting acts on their own
 * contribution), oldest first; `rank`: 1 for the network's first member, null when unknown.
 */
export function earnedGrants(defs: BadgeDefinition[], facts: HeldFact[], rank: number | null): EarnedGrant[] {
  const out: EarnedGrant[] = [];
  for (const badge of defs) {
    const c = badge.criteria;
    if (c.type === 'count') {
      const matching = facts.filter((f) => (c.kinds as string[]).includes(f.kind));
      if (matching.length >= c.min) out.push({ badge, sourceKey: '', evidence: evidenceOf(matching.slice(0, c.min)) });
    } else if (c.type === 'per_item') {
      const byItem = new Map<string, HeldFact[]>();
      for (const f of facts) if (f.kind === c.kind) byItem.set(f.itemId, [...(byItem.get(f.itemId) ?? []), f]);
      // Items in the order they reached the threshold.
      const reached = [...byItem.entries()].filter(([, fs]) => fs.length >= c.min)
        .sort(([, a], [, b]) => facts.indexOf(a[c.min - 1]!) - facts.indexOf(b[c.min - 1]!));
      for (const [itemId, fs] of badge.repeatable ? reached : reached.slice(0, 1)) {
        out.push({ badge, sourceKey: badge.repeatable ? itemId : '', evidence: evidenceOf(fs.slice(0, 1)) });
      }
    } else if (c.type === 'member_rank') {
      if (rank !== null && rank <= c.max) out.push({ badge, sourceKey: '', evidence: [] });
    }
  }
  return out;
}
