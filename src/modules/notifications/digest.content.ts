// What a digest says: the member's notifications grouped by kind group (sections in the order of
// the settings page, "like mine" last) and, inside, by the thing they are about (a thread, a use
// case …), newest first, with counts ("12 new replies in 3 threads you follow"). Pure: the
// service loads the rows and composes the e-mail around this.
import { hasKey, translate, type Lang } from '../../shared/i18n.js';
import { escapeHtml } from './notification-mail.js';
import { messageVars, NOTIFICATION_GROUPS, type NotificationGroup } from './notification-kinds.js';

/** One notification as the digest shows it; `item` is what it is about: its link without #fragment (a reply's thread, a use case …). */
export interface DigestEntry {
  id: string;
  kind: string;
  group: string;
  title: string;
  language: string | null;
  url: string;
  item: string;
  actorName: string | null;
  vars: Record<string, string | number>;
}

export interface DigestItem {
  title: string;
  language: string | null;
  url: string;
  count: number;
  /** The newest notification's message ("{actor} replied to you"). */
  latest: string;
}

export interface DigestLine {
  kind: string;
  count: number;
  items: number;
}

export interface DigestSection {
  group: NotificationGroup;
  count: number;
  /** Per kind: how many notifications about how many things (the summary lines). */
  lines: DigestLine[];
  items: DigestItem[];
  /** Items beyond ITEMS_PER_SECTION, left to the notifications page. */
  more: number;
}

export const ITEMS_PER_SECTION = 15;

/** "Like mine" comes last, as its own section; the others keep the settings page's order. */
const SECTION_ORDER: readonly NotificationGroup[] = [...NOTIFICATION_GROUPS.filter((g) => g !== 'likeMine'), 'likeMine'];

/** Groups entries given newest first (they stay newest first inside each section and item). */
export function groupDigest(entries: DigestEntry[], lang: Lang): DigestSection[] {
  const sections: DigestSection[] = [];
  for (const group of SECTION_ORDER) {
    const mine = entries.filter((e) => e.group === group);
    if (!mine.length) continue;
    const items = new Map<string, { first: DigestEntry; count: number }>();
    const kinds = new Map<string, { count: number; items: Set<string> }>();
    for (const e of mine) {
      const it = items.get(e.item);
      if (it) it.count++;
      else items.set(e.item, { first: e, count: 1 });
      const k = kinds.get(e.kind) ?? { count: 0, items: new Set<string>() };
      k.count++;
      k.items.add(e.item);
      kinds.set(e.kind, k);
    }
    const all = [...items.values()].map(({ first, count }) => ({
      title: first.title, language: first.language, url: first.url, count, latest: kindText(lang, first),
    }));
    sections.push({
      group, count: mine.length,
      lines: [...kinds.entries()].map(([kind, k]) => ({ kind, count: k.count, items: k.items.size })),
      items: all.slice(0, ITEMS_PER_SECTION),
      more: Math.max(0, all.length - ITEMS_PER_SECTION),
    });
  }
  return sections;
}

function kindText(lang: Lang, e: DigestEntry): string {
  const defaults = { actor: e.actorName ?? translate(lang, 'accounts.member.former'), administration: translate(lang, 'notifications.someAdministration') };
  return translate(lang, `notifications.kind.${e.kind}`, { ...defaults, ...messageVars(lang, e.vars) });
}

/** "12 new replies in 3 threads you follow" (a kind without its own wording uses the general one). */
export function lineText(lang: Lang, l: DigestLine): string {
  const variant = l.count === 1 ? 'one' : l.items === 1 ? 'oneItem' : 'many';
  const own = `notifications.digest.count.${l.kind}.${variant}`;
  return translate(lang, hasKey(lang, own) ? own : `notifications.digest.count.other.${variant}`, { count: l.count, items: l.items });
}

export interface DigestText {
  subject: string;
  text: string;
  html: string;
}

/** Subject and both parts of the digest's body (the footer is composeNotificationMail's). */
export function renderDigest(lang: Lang, baseUrl: string, sections: DigestSection[]): DigestText {
  const total = sections.reduce((n, s) => n + s.count, 0);
  const subject = total === 1 ? translate(lang, 'notifications.digest.subjectOne') : translate(lang, 'notifications.digest.subject', { count: total });
  const abs = (url: string) => (/^https?:\/\//.test(url) ? url : `${baseUrl}${url}`);
  const t = (key: string, vars?: Record<string, unknown>) => translate(lang, key, vars);
  const text: string[] = [t('notifications.digest.heading'), '', t('notifications.digest.intro')];
  const html: string[] = [`<h1>${escapeHtml(t('notifications.digest.heading'))}</h1>`, `<p>${escapeHtml(t('notifications.digest.intro'))}</p>`];
  for (const s of sections) {
    const heading = t(`notifications.digest.section.${s.group}`);
    const lines = s.lines.map((l) => lineText(lang, l));
    text.push('', heading, '='.repeat(heading.length), ...lines, '');
    html.push(`<h2>${escapeHtml(heading)}</h2>`, `<p>${lines.map(escapeHtml).join('<br>')}</p>`, '<ul>');
    for (const it of s.items) {
      const count = it.count > 1 ? ` (${t('notifications.digest.newCount', { count: it.count })})` : '';
      text.push(`- ${it.title}${count}`, `  ${it.latest}`, `  ${abs(it.url)}`);
      const titleLang = it.language === 'de' || it.language === 'en' ? ` lang="${it.language}"` : '';
      html.push(`<li><a href="${escapeHtml(abs(it.url))}"${titleLang}>${escapeHtml(it.title)}</a>${escapeHtml(count)}<br>`
        + `<small>${escapeHtml(it.latest)}</small></li>`);
    }
    html.push('</ul>');
    if (s.more) {
      const more = t('notifications.digest.more', { count: s.more });
      text.push(`${more}: ${abs('/notifications')}`);
      html.push(`<p><a href="${escapeHtml(abs('/notifications'))}">${escapeHtml(more)}</a></p>`);
    }
  }
  text.push('', `${t('notifications.digest.allNotifications')}: ${abs('/notifications')}`);
  html.push(`<p><a href="${escapeHtml(abs('/notifications'))}">${escapeHtml(t('notifications.digest.allNotifications'))}</a></p>`);
  return { subject, text: text.join('\n'), html: html.join('\n') };
}
