// {{tp "forum.replyCount" 3}} — plural: uses "<key>.one" for 1 and "<key>.other" otherwise, with {count}.
import type { HelperOptions } from 'handlebars';
import { translate, type Lang } from '../i18n.js';

export default function tp(key: unknown, count: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  const n = Number(count) || 0;
  return translate(lang, `${String(key)}.${n === 1 ? 'one' : 'other'}`, { ...options.hash, count: n });
}
