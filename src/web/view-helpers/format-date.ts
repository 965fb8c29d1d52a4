// {{formatDate createdAt}} · {{formatDate createdAt time=true}} — localised date (Europe/Berlin).
import type { HelperOptions } from 'handlebars';
import { formatDate as fmt, type Lang } from '../../shared/i18n.js';

export default function formatDate(value: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  if (!value) return '';
  return fmt(lang, value as Date | string, Boolean(options.hash?.time));
}
