// "Municipalities like mine" as a graded score, not a yes/no match. One formula, written twice: in
// TypeScript (similarity, reasons on cards, tests) and as an SQL expression (ranking lists in the
// database); a test keeps both equal on a grid of inputs. The README documents the formula.
//
//   score = 0.35 · kind + 0.50 · size + 0.15 · land                (0 … 1)
//   kind  = 1 for the same kind, KIND_AFFINITY for related kinds, else 0
//   size  = max(0, 1 − |log10(p₁) − log10(p₂)| / 2)   (a factor of 10 in population halves it,
//           a factor of 100 or more gives 0; 0.25 when either population is unknown)
//   land  = 1 in the same Land, else 0
// With shared topics (optional): score = (score + 0.10 · topics) / 1.10, topics = the share of the
// reference's topics the other also has (0 … 1).

export interface SimilarityRef {
  kind: string;
  population: number | null;
  state: string;
}

export const WEIGHTS = { kind: 0.35, size: 0.5, land: 0.15, topics: 0.1 } as const;

/** Kinds that resemble each other in part (symmetric): a city state is a city and a Land at once. */
export const KIND_AFFINITY: readonly [string, string, number][] = [
  ['municipality', 'city_state', 0.5],
  ['state_agency', 'city_state', 0.5],
  ['municipality', 'county', 0.25],
  ['county', 'city_state', 0.25],
];

export const UNKNOWN_SIZE = 0.25;

export function kindScore(a: string, b: string): number {
  if (a === b) return 1;
  const hit = KIND_AFFINITY.find(([x, y]) => (x === a && y === b) || (x === b && y === a));
  return hit ? hit[2] : 0;
}

export function sizeScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return UNKNOWN_SIZE;
  return Math.max(0, 1 - Math.abs(Math.log10(Math.max(a, 1)) - Math.log10(Math.max(b, 1))) / 2);
}

export function similarity(ref: SimilarityRef, other: SimilarityRef, topicShare?: number): number {
  const base = WEIGHTS.kind * kindScore(ref.kind, other.kind) + WEIGHTS.size * sizeScore(ref.population, other.population)
    + WEIGHTS.land * (ref.state === other.state ? 1 : 0);
  return topicShare === undefined ? base : (base + WEIGHTS.topics * topicShare) / (1 + WEIGHTS.topics);
}

/** Why two administrations count as alike, as message keys under administrations.similarity.reason. */
export type SimilarityReason = 'sameKind' | 'relatedKind' | 'similarSize' | 'comparableSize' | 'sameLand';

export function similarityReasons(ref: SimilarityRef, other: SimilarityRef): SimilarityReason[] {
  const out: SimilarityReason[] = [];
  const size = ref.population !== null && other.population !== null ? sizeScore(ref.population, other.population) : 0;
  if (size >= 0.75) out.push('similarSize'); // within a factor of about 3
  else if (size >= 0.5) out.push('comparableSize'); // within a factor of 10
  if (ref.state === other.state) out.push('sameLand');
  const kind = kindScore(ref.kind, other.kind);
  if (kind === 1) out.push('sameKind');
  else if (kind > 0) out.push('relatedKind');
  return out;
}

/** A representative population for each size class (the geometric middle of its bounds). */
export const SIZE_CLASS_POPULATION: Record<string, number> = {
  'lt10k': 3_000, '10k-20k': 14_000, '20k-50k': 32_000, '50k-100k': 71_000, '100k-500k': 220_000, 'gt500k': 1_000_000,
};

/**
 * The score as an SQL expression over the administration alias `a` (columns kind, population,
 * state), with the reference in the parameters `$kind`, `$population`, `$state` (their placeholders,
 * e.g. '$3'). Cast inside, so untyped parameters work. The logarithms are float8 (`log(float8)` is
 * base 10), as Math.log10 in TypeScript: numeric logarithms, computed to arbitrary precision, were
 * most of the start page's "like mine" statement (5.5 against 0.9–1.2 ms of execution for a walk
 * of 268 cases at 10,000 cases, bench:pages' data).
 */
export function similaritySql(a: string, p: { kind: string; population: string; state: string }): string {
  const affinity = KIND_AFFINITY.map(([x, y, v]) =>
    `WHEN (${a}.kind = '${x}' AND ${p.kind}::text = '${y}') OR (${a}.kind = '${y}' AND ${p.kind}::text = '${x}') THEN ${v}`).join(' ');
  const kind = `(CASE WHEN ${a}.kind = ${p.kind}::text THEN 1 ${affinity} ELSE 0 END)`;
  const size = `(CASE WHEN ${a}.population IS NULL OR ${p.population}::int IS NULL THEN ${UNKNOWN_SIZE}
      ELSE greatest(0, 1 - abs(log(greatest(${a}.population, 1)::float8) - log(greatest(${p.population}::int, 1)::float8)) / 2) END)`;
  const land = `(CASE WHEN ${a}.state = ${p.state}::text THEN 1 ELSE 0 END)`;
  return `(${WEIGHTS.kind} * ${kind} + ${WEIGHTS.size} * ${size} + ${WEIGHTS.land} * ${land})::float8`;
}
