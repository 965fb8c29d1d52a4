// The domain-free Open Badges pieces: badge images (SVG, PNG) and baking an assertion into them.
import { describe, expect, it } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { badgeInitials, badgePng, badgeSvg, bakePng, readBakedSvg, readBakedText, readPngChunks } from '../../src/shared/open-badges.js';

describe('badge SVG', () => {
  it('when a title is given, then the initials are the first letters of its first two words', () => {
    expect(badgeInitials('Bürgerhaushalt planen')).toBe('BP');
    expect(badgeInitials('Online-Beteiligung: moderieren')).toBe('OB');
    expect(badgeInitials('ärger')).toBe('Ä');
    expect(badgeInitials('  ')).toBe('?');
  });

  it('when a title holds markup, then the SVG carries it as text only', () => {
    const svg = badgeSvg({ seed: 'x', title: '<script>alert(1)</script> & "Co"' });
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

describe('badge images of badge classes', () => {
  const pixels = (png: Buffer) => inflateSync(readPngChunks(png).find((c) => c.type === 'IDAT')!.data);
  it('when a level ring colour is given, then the PNG and SVG draw the ring in it', () => {
    expect(pixels(badgePng('k', 64, 'AB', '#cd7f32')).equals(pixels(badgePng('k', 64, 'AB')))).toBe(false);
    expect(badgeSvg({ seed: 'k', title: 'Erste Antwort', ring: '#cd7f32' })).toContain('stroke="#cd7f32"');
    expect(badgeSvg({ seed: 'k', title: 'x', ring: '"/><script>' })).not.toContain('<script>');
  });

  it('when initials are given, then they replace the title\'s', () => {
    expect(badgeSvg({ seed: 'k', title: 'Erste Antwort', initials: '★' })).toContain('>★</text>');
  });

  it('when an assertion is baked into an SVG, then it can be read back', () => {
    const json = JSON.stringify({ a: ']]>' });
    const svg = badgeSvg({ seed: 'k', title: 'T' }, { url: 'https://x.example/a/1', json });
    expect(JSON.parse(readBakedSvg(svg)!)).toEqual({ a: ']]>' });
  });
});
