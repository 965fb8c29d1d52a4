import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { assertionJson, badgeClassJson, badgeUrls, issuerJson, revokedAssertionJson } from '../../../src/modules/academy/badges.js';
import { hashIdentity } from '../../../src/shared/open-badges.js';
import { expectValidOb2 } from '../../support/open-badges.js';

const urls = badgeUrls('https://praxis.example');


describe('Open Badges 2.0 documents', () => {
  it('hashes the e-mail with the salt as sha256$hex(sha256(email + salt)), case-insensitively', () => {
    const expected = 'sha256$' + createHash('sha256').update('maria@example.org' + 'abc').digest('hex');
    expect(hashIdentity('Maria@Example.org', 'abc')).toBe(expected);
  });

  it('when documents are built, then every required field is there', () => {
    expectValidOb2('Issuer', issuerJson(urls, { name: 'Praxis', url: 'https://praxis.example', email: 'team@praxis.example' }));
    expectValidOb2('BadgeClass', badgeClassJson(urls, { slug: 'kurs', title: 'Kurs', summary: '', guideSlugs: ['a'] }));
    const a = assertionJson(urls, { id: 'a1', courseSlug: 'kurs', certificateId: 'c1', identityHash: hashIdentity('x@y.z', 's'), salt: 's', issuedOn: new Date('2026-01-01T00:00:00Z'), revokedAt: null, revocationReason: null });
    expectValidOb2('Assertion', a);
    expect(a.badge).toBe('https://praxis.example/academy/badges/classes/kurs');
  });

  it('when an assertion is revoked, then its document says revoked: true with the reason', () => {
    expect(revokedAssertionJson(urls, { id: 'a1', revocationReason: 'Fehler' })).toMatchObject({ id: 'https://praxis.example/academy/badges/assertions/a1', revoked: true, revocationReason: 'Fehler' });
  });
});
