// {{tMarked "academy.certificate.text" "course" certificate.courseTitle certificate.courseLanguage}} — a
// translated sentence with a title in it, the title marked with its own language (WCAG 3.1.2).
import type { HelperOptions } from 'handlebars';
import { translateMarked, type Lang } from '../../shared/i18n.js';

export default function tMarked(key: unknown, name: unknown, text: unknown, language: unknown, options: HelperOptions) {
  const lang = (options.data?.root?.lang ?? 'de') as Lang;
  return translateMarked(lang, String(key), { ...(options.hash ?? {}), [String(name)]: text }, String(name), language);
}
