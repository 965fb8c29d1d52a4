import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  assertionJson, badgeClassJson, badgeInitials, badgePng, badgeSvg, badgeUrls, bakePng, hashIdentity, issuerJson, readBakedText, readPngChunks, revokedAssertionJson,
} from '../../../src/modules/academy/badges.js';
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

describe('badge SVG', () => {
  it('when a title is given, then the initials are the first letters of its first two words', () => {
    expect(badgeInitials('Bürgerhaushalt planen')).toBe('BP');
    expect(badgeInitials('Online-Beteiligung: moderieren')).toBe('OB');
    expect(badgeInitials('ärger')).toBe('Ä');
    expect(badgeInitials('  ')).toBe('?');
  });

  it('when a title holds markup, then the SVG carries it as text only', () => {
    const svg = badgeSvg({ slug: 'x', title: '<script>alert(1)</script> & "Co"' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34;');
  });
});

describe('badge PNG', () => {
  const pixels = (png: Buffer) => inflateSync(readPngChunks(png).find((c) => c.type === 'IDAT')!.data);
  it('when two courses are drawn, then their PNG badges differ in colour and in the initials drawn on them', () => {
    const a = pixels(badgePng('kurs-a', 64, 'BP'));
    expect(a.equals(pixels(badgePng('kurs-b', 64, 'BP')))).toBe(false);
    expect(a.equals(pixels(badgePng('kurs-a', 64, 'OB')))).toBe(false);
    expect(a.equals(pixels(badgePng('kurs-a', 64)))).toBe(false);
    // Umlauts are drawn as their base letter.
    expect(pixels(badgePng('kurs-a', 64, 'ÄP')).equals(pixels(badgePng('kurs-a', 64, 'AP')))).toBe(true);
  });

  it('when a badge is drawn, then it is a valid PNG with correct CRCs and pixel data of the right size', () => {
    const png = badgePng('kurs', 64);
    const chunks = readPngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[0]!.data.readUInt32BE(0)).toBe(64);
    expect(inflateSync(chunks[1]!.data).length).toBe((64 * 4 + 1) * 64);
  });

  it('when an assertion is baked, then an iTXt "openbadges" chunk before IEND holds it, with a correct CRC', () => {
    const text = JSON.stringify({ id: 'https://praxis.example/academy/badges/assertions/a1', name: 'Bürger' });
    const baked = bakePng(badgePng('kurs', 32), text);
    const chunks = readPngChunks(baked);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[2]!.data.subarray(0, 11).toString('latin1')).toBe('openbadges\0');
    expect(readBakedText(baked)).toBe(text);
  });

  it('when a baked badge is baked again, then there is still one openbadges chunk', () => {
    const twice = bakePng(bakePng(badgePng('k', 16), 'one'), 'two');
    expect(readPngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(readBakedText(twice)).toBe('two');
  });
});
