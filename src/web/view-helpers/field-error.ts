// {{fieldError "email"}} — the translated message for a field, or '' (reads @root.errors).
import type { HelperOptions } from 'handlebars';
import { translate, type Lang } from '../../shared/i18n.js';

export default function fieldError(name: unknown, options: HelperOptions): string {
  const root = options.data?.root ?? {};
  const key = root.errors?.[String(name)];
  return key ? translate((root.lang ?? 'de') as Lang, String(key)) : '';
}
