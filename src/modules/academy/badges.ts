// The academy's Open Badges 2.0 documents for course certificates, built with the one mechanism in
// src/shared/open-badges.ts: the academy's URLs (it also serves the network's Issuer document) and
// what a course badge says (its criteria, its guides as tags, the certificate as evidence).
import * as ob from '../../shared/open-badges.js';

export interface BadgeUrls {
  issuer: string;
  badgeClass: (courseSlug: string) => string;
  badgeImage: (courseSlug: string) => string;
  assertion: (id: string) => string;
  criteria: (courseSlug: string) => string;
  evidence: (certificateId: string) => string;
}

export function badgeUrls(baseUrl: string): BadgeUrls {
  return {
    issuer: `${baseUrl}${ob.ISSUER_PATH}`,
    badgeClass: (slug) => `${baseUrl}/academy/badges/classes/${slug}`,
    badgeImage: (slug) => `${baseUrl}/academy/badges/classes/${slug}/image.svg`,
    assertion: (id) => `${baseUrl}/academy/badges/assertions/${id}`,
    criteria: (slug) => `${baseUrl}/academy/courses/${slug}`,
    evidence: (id) => `${baseUrl}/academy/certificates/${id}/verify`,
  };
}

export function issuerJson(urls: BadgeUrls, o: { name: string; url: string; email: string }) {
  return ob.issuerJson(urls.issuer, o);
}

/** `guideSlugs` become the tags: pass what people should read there (the guides' titles). */
export function badgeClassJson(urls: BadgeUrls, c: { slug: string; title: string; summary: string; guideSlugs: string[] }) {
  return ob.badgeClassJson({
    id: urls.badgeClass(c.slug),
    name: c.title,
    description: c.summary,
    image: urls.badgeImage(c.slug),
    criteria: { id: urls.criteria(c.slug), narrative: 'Alle Quizze des Kurses mit mindestens der Bestehensgrenze abgeschlossen.' },
    issuer: urls.issuer,
    tags: c.guideSlugs,
  });
}

export interface AssertionInput {
  id: string;
  courseSlug: string;
  /** Null for a deleted member's tombstone (always revoked). */
  certificateId: string | null;
  identityHash: string;
  salt: string;
  issuedOn: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export function assertionJson(urls: BadgeUrls, a: AssertionInput) {
  return ob.assertionJson({
    id: urls.assertion(a.id), badge: urls.badgeClass(a.courseSlug), identityHash: a.identityHash, salt: a.salt, issuedOn: a.issuedOn,
    evidence: a.certificateId ? urls.evidence(a.certificateId) : undefined,
  });
}

/** What a hosted assertion URL answers once revoked (with status 410). */
export function revokedAssertionJson(urls: BadgeUrls, a: Pick<AssertionInput, 'id' | 'revocationReason'>) {
  return ob.revokedAssertionJson(urls.assertion(a.id), a.revocationReason);
}

/** A course's badge image: its colour from the slug, its initials from the title. */
export const courseBadgeSvg = (c: { slug: string; title: string }, assertion?: { url: string; json: string }) =>
  ob.badgeSvg({ seed: c.slug, title: c.title }, assertion);
export const courseBadgePng = (c: { slug: string; title: string }) => ob.badgePng(c.slug, 200, ob.badgeInitials(c.title));
