// {{t "accounts.login.title"}} · {{t "forum.replies" count=3}} — translate into the page's language.
import type { HelperOptions } from 'handlebars';
import { translate, type Lang } from '../../shared/i18n.js';

export default function t(key: unknown, options: HelperOptions): string {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  return translate(lang, String(key), options.hash ?? {});
}
