// Open Badges 2.0 for micro-degrees: the BadgeClass (criteria narrative = the requirements in words,
// tags and alignment = the competence areas) and its images. The generic assertion documents
// (/recognition/assertions/:id) serve grants of both kinds and call microdegreeClassFor.
import type { DataSource } from 'typeorm';
import { ISSUER_PATH, OB_CONTEXT, type BadgeImage, badgeInitials, badgePng, badgeSvg, hashIdentity, newSalt } from '../../shared/open-badges.js';
import { competenceLabel } from '../../shared/competences.js';
import { markdownToText } from '../../shared/markdown.js';
import { courseTitles, microdegreeBySlug, type MicrodegreeRow } from './microdegrees.queries.js';
import { criteriaNarrative, type CourseTitles } from './microdegrees.views.js';

export { hashIdentity, newSalt };

export const microdegreeUrls = (baseUrl: string) => ({
  page: (slug: string) => `${baseUrl}/recognition/microdegrees/${slug}`,
  badgeClass: (slug: string) => `${baseUrl}/recognition/microdegrees/${slug}/class`,
  image: (slug: string) => `${baseUrl}/recognition/microdegrees/${slug}/image.png`,
  area: (key: string) => `${baseUrl}/recognition/microdegrees?area=${key}`,
  issuer: `${baseUrl}${ISSUER_PATH}`,
});

export function microdegreeClassJson(baseUrl: string, m: Pick<MicrodegreeRow, 'slug' | 'title' | 'language' | 'descriptionSource' | 'competences' | 'requirements'>, courses: CourseTitles) {
  const urls = microdegreeUrls(baseUrl);
  const areas = m.competences.map((key) => ({ key, name: competenceLabel(key, m.language) }));
  return {
    '@context': OB_CONTEXT,
    type: 'BadgeClass',
    id: urls.badgeClass(m.slug),
    name: m.title,
    description: (m.descriptionSource ? markdownToText(m.descriptionSource) : '') || m.title,
    image: urls.image(m.slug),
    criteria: { id: urls.page(m.slug), narrative: criteriaNarrative(m, courses) },
    issuer: urls.issuer,
    tags: areas.map((a) => a.name),
    alignment: areas.map((a) => ({ targetName: a.name, targetUrl: urls.area(a.key), targetFramework: 'Praxis Kompetenzpass', targetCode: a.key })),
  };
}

/** The BadgeClass of a micro-degree (archived ones too: their assertions stay valid), or null. */
export async function microdegreeClassFor(ds: DataSource, slug: string, baseUrl: string): Promise<ReturnType<typeof microdegreeClassJson> | null> {
  const m = await microdegreeBySlug(ds, slug);
  if (!m) return null;
  const slugs = m.requirements.flatMap((r) => (r.type === 'certificates' ? r.courses ?? [] : []));
  return microdegreeClassJson(baseUrl, m, await courseTitles(ds, slugs));
}

/** Each micro-degree's own image: its colour from the slug, its initials; not the course badges' colours. */
const seed = (slug: string) => `microdegree:${slug}`;
export const microdegreeImage = (m: { slug: string; title: string }): BadgeImage => ({ seed: seed(m.slug), title: m.title, initials: badgeInitials(m.title) });
export const microdegreeSvg = (m: { slug: string; title: string }) => badgeSvg(microdegreeImage(m));
export const microdegreePng = (m: { slug: string; title: string }) => badgePng(seed(m.slug), 200, badgeInitials(m.title));
