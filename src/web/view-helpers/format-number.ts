// {{formatNumber population}} — localised number.
import type { HelperOptions } from 'handlebars';
import { formatNumber as fmt, type Lang } from '../../shared/i18n.js';

export default function formatNumber(value: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  return value === null || value === undefined || value === '' ? '' : fmt(lang, Number(value));
}
