// {{isoDate createdAt}} — machine-readable date for <time datetime="…">.
export default function isoDate(value: unknown): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
