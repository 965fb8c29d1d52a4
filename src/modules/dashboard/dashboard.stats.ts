// Small statistics for the dashboard's sections: percentiles as PostgreSQL's percentile_cont (linear
// between the two nearest values), so figures computed here and in SQL agree.

/** The p-th percentile (0 ≤ p ≤ 1) of the values, or null if there are none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: number[]) => percentile(values, 0.5);

/** A number rounded for a CSV cell (dot decimals, no thousands separator); null stays empty. */
export const csvNumber = (n: number | null, digits = 2) => (n === null ? null : Number(n.toFixed(digits)));
