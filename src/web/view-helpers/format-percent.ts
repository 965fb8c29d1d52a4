// {{formatPercent attempt.percent}} — a percentage (0–100) in the page language: "90,9 %" / "90.9%".
import type { HelperOptions } from 'handlebars';
import { formatPercent as fmt, type Lang } from '../../shared/i18n.js';

export default function formatPercent(value: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  return value === null || value === undefined || value === '' ? '' : fmt(lang, Number(value));
}
