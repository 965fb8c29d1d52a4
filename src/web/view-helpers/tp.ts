// {{tp "forum.replyCount" 3}} — plural: uses "<key>.one" for 1 and "<key>.other" otherwise, with {count}.
import type { HelperOptions } from 'handlebars';
import { formatNumber, translate, type Lang } from '../../shared/i18n.js';

export default function tp(key: unknown, count: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  const n = Number(count) || 0;
  // {count} in the page language ("1.234" / "1,234"); a countText passed along stays as given.
  return translate(lang, `${String(key)}.${n === 1 ? 'one' : 'other'}`, { count: formatNumber(lang, n), ...options.hash });
}
