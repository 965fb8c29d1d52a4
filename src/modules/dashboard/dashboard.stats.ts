// Small helpers for the dashboard's CSVs (percentiles are computed in SQL with percentile_cont).

/** A number rounded for a CSV cell (dot decimals, no thousands separator); null stays empty. */
export const csvNumber = (n: number | null, digits = 2) => (n === null ? null : Number(n.toFixed(digits)));
