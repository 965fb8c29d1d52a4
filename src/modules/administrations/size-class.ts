// Population size classes for "municipalities like mine". The database derives the same classes
// in the generated column administrations.size_class (keep both in step).
export const SIZE_CLASSES = ['lt10k', '10k-20k', '20k-50k', '50k-100k', '100k-500k', 'gt500k'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export function sizeClassOf(population: number | null | undefined): SizeClass | null {
  if (population === null || population === undefined) return null;
  if (population < 10_000) return 'lt10k';
  if (population < 20_000) return '10k-20k';
  if (population < 50_000) return '20k-50k';
  if (population < 100_000) return '50k-100k';
  if (population < 500_000) return '100k-500k';
  return 'gt500k';
}

/** German states (Länder) by their official two-letter codes and the first two AGS digits. */
export const STATES: Record<string, string> = {
  SH: '01', HH: '02', NI: '03', HB: '04', NW: '05', HE: '06', RP: '07', BW: '08',
  BY: '09', SL: '10', BE: '11', BB: '12', MV: '13', SN: '14', ST: '15', TH: '16',
};
export const STATE_CODES = Object.keys(STATES);
