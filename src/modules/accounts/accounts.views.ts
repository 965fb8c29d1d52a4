// Entity → view objects for account pages.
import { formatDate, type Lang } from '../../shared/i18n.js';
import type { MemberProfile } from './accounts.queries.js';

export function memberView(m: MemberProfile, lang: Lang) {
  return {
    handle: m.handle,
    name: m.name,
    jobTitle: m.jobTitle,
    department: m.department,
    bio: m.bio,
    // What members write about themselves is taken to be in the language they chose for the site.
    language: m.language,
    // Languages spoken, as names in the reader's language (home.onboarding.languages.<code>).
    languages: m.languages.map((code) => ({ code, label: `home.onboarding.languages.${code}` })),
    roleKey: `roles.${m.role}`,
    since: formatDate(lang, m.createdAt),
    administrationName: m.administrationName,
    administrationSlug: m.administrationSlug,
    initials: initials(m.name),
  };
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1]![0] : '')).toUpperCase() || '?';
}
