// URL slugs from German and English titles: umlauts transliterated, everything else ASCII.
const MAP: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

export function slugify(input: string, maxLength = 80): string {
  const s = input
    .replace(/[äöüßÄÖÜ]/g, (c) => MAP[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, maxLength).replace(/-+$/, '') || 'item';
}
