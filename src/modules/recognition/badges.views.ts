// Badges as people and verifiers see them: plain view objects for the pages, the criteria in
// words, and the Open Badges 2.0 documents (with the network's one issuer) for both assertion kinds.
import * as ob from '../../shared/open-badges.js';
import { translate, type Lang } from '../../shared/i18n.js';
import { LEVEL_RING, badgeByKey, type BadgeDefinition } from './badges.definitions.js';
import type { GrantRow } from './badges.queries.js';

export interface RecognitionUrls {
  issuer: string;
  badgeClass: (key: string) => string;
  badgePage: (key: string) => string;
  badgeImage: (key: string) => string;
  assertion: (id: string) => string;
}

export function recognitionUrls(baseUrl: string): RecognitionUrls {
  return {
    issuer: `${baseUrl}${ob.ISSUER_PATH}`,
    badgeClass: (key) => `${baseUrl}/recognition/badges/${key}/class`,
    badgePage: (key) => `${baseUrl}/recognition/badges/${key}`,
    badgeImage: (key) => `${baseUrl}/recognition/badges/${key}/image.svg`,
    assertion: (id) => `${baseUrl}/recognition/assertions/${id}`,
  };
}

/** The criteria in words, in the reader's language. */
export function criteriaText(b: BadgeDefinition, lang: Lang): string {
  const t = (key: string, vars?: Record<string, unknown>) => translate(lang, `recognition.badges.${key}`, vars);
  const kind = (k: string) => t(`kinds.${k.replaceAll('.', '_')}`);
  const c = b.criteria;
  switch (c.type) {
    case 'count': return t('criteria.count', { min: c.min, what: c.kinds.map(kind).join(t('criteria.or')) });
    case 'per_item': return [t('criteria.perItem', { min: c.min, what: kind(c.kind) }), b.repeatable ? t('criteria.perItemRepeat') : ''].filter(Boolean).join(' ');
    case 'member_rank': return t('criteria.memberRank', { max: c.max });
    case 'manual': return t('criteria.manual');
  }
}

/** The badge's image: its colour from the key, its ring from the level. */
export const badgeImage = (b: BadgeDefinition, lang: Lang = 'de'): ob.BadgeImage =>
  ({ seed: b.key, title: b[lang].name, initials: b.initials ?? undefined, ring: LEVEL_RING[b.level] });

export interface BadgeView {
  key: string;
  level: string;
  levelLabel: string;
  name: string;
  description: string;
  criteria: string;
  manual: boolean;
  repeatable: boolean;
  imageUrl: string;
  imageAlt: string;
  /** The image's alt text beside the badge's name (in a link): what the image adds, its level. */
  levelAlt: string;
  url: string;
}

export function badgeView(b: BadgeDefinition, lang: Lang): BadgeView {
  return {
    key: b.key, level: b.level, levelLabel: translate(lang, `recognition.badges.level.${b.level}`), name: b[lang].name, description: b[lang].description,
    criteria: criteriaText(b, lang), manual: b.criteria.type === 'manual', repeatable: b.repeatable,
    imageUrl: `/recognition/badges/${b.key}/image.svg`, imageAlt: translate(lang, 'recognition.badges.imageAlt', { name: b[lang].name }),
    levelAlt: translate(lang, 'recognition.badges.levelAlt', { level: translate(lang, `recognition.badges.level.${b.level}`) }), url: `/recognition/badges/${b.key}`,
  };
}

/** A micro-degree shown like a badge (its assertion's page for people). */
export function microdegreeBadgeView(m: { slug: string; title: string; descriptionHtml: string }, lang: Lang) {
  return {
    name: m.title, levelLabel: translate(lang, 'recognition.microdegrees.kindLabel'), description: '', descriptionHtml: m.descriptionHtml,
    imageUrl: `/recognition/microdegrees/${m.slug}/image.svg`, imageAlt: translate(lang, 'recognition.badges.imageAlt', { name: m.title }),
    url: `/recognition/microdegrees/${m.slug}`,
  };
}

/** A grant on the member's pages: the badge, when, and what earned it. */
export function grantView(g: GrantRow, lang: Lang) {
  const b = badgeByKey(g.classKey);
  return {
    id: g.id, grantedAt: g.grantedAt, evidence: g.evidence, grantReason: g.grantReason, verifyUrl: `/recognition/assertions/${g.id}/verify`,
    badge: b ? badgeView(b, lang) : null,
  };
}

const absolute = (baseUrl: string, url: string) => (url.startsWith('/') ? `${baseUrl}${url}` : url);

export function badgeClassJson(urls: RecognitionUrls, b: BadgeDefinition) {
  return ob.badgeClassJson({
    id: urls.badgeClass(b.key), name: b.de.name, description: b.de.description, image: urls.badgeImage(b.key),
    criteria: { id: urls.badgePage(b.key), narrative: criteriaText(b, 'de') }, issuer: urls.issuer, tags: [b.level],
  });
}

/** The hosted BadgeClass of an assertion of either kind (micro-degrees are served by their part). */
export const assertionClassUrl = (baseUrl: string, a: Pick<GrantRow, 'kind' | 'classKey'>) =>
  (a.kind === 'badge' ? recognitionUrls(baseUrl).badgeClass(a.classKey) : `${baseUrl}/recognition/microdegrees/${a.classKey}/class`);

/** The hosted assertion document; the class URL depends on the kind (badges here, micro-degrees in their part). */
export function assertionJson(urls: RecognitionUrls, baseUrl: string, a: Pick<GrantRow, 'id' | 'identityHash' | 'salt' | 'grantedAt' | 'evidence' | 'grantReason'>, classUrl: string) {
  return ob.assertionJson({
    id: urls.assertion(a.id), badge: classUrl, identityHash: a.identityHash, salt: a.salt, issuedOn: new Date(a.grantedAt),
    evidence: a.evidence.map((e) => ({ id: absolute(baseUrl, e.url), name: e.title })),
    narrative: a.grantReason ?? undefined,
  });
}
