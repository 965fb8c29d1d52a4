// Open Badges 2.0 (hosted verification), domain-free: the JSON-LD documents for Issuer, BadgeClass
// and Assertion, the salted recipient hash, each badge class's own image (SVG and PNG, its colour
// from a seed, a ring in a level's colour, initials) and baking an assertion into the image (PNG
// iTXt chunk "openbadges", SVG <openbadges:assertion>). The academy's course certificates and the
// recognition module's badges and micro-degrees use it: one mechanism. Pure functions; the modules
// serve them at their stable URLs.
import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { sha256 } from './identity.js';

export const OB_CONTEXT = 'https://w3id.org/openbadges/v2';

/**
 * The network is the one issuer of every badge, course certificate and micro-degree; the academy
 * serves its Issuer document at this path (it issued the first badges).
 */
export const ISSUER_PATH = '/academy/badges/issuer';

/** The salted identity hash as Open Badges 2.0 defines it: "sha256$" + hex(sha256(identity + salt)). */
export function hashIdentity(email: string, salt: string): string {
  return `sha256$${sha256(email.trim().toLowerCase() + salt)}`;
}

export const newSalt = () => randomBytes(16).toString('hex');

export function issuerJson(issuerUrl: string, o: { name: string; url: string; email: string }) {
  return { '@context': OB_CONTEXT, type: 'Issuer', id: issuerUrl, name: o.name, url: o.url, email: o.email };
}

export interface BadgeClassInput {
  /** The class's hosted URL. */
  id: string;
  name: string;
  description: string;
  image: string;
  /** Where people read how it is earned (a page), and the requirements in words. */
  criteria: { id?: string; narrative: string };
  issuer: string;
  tags?: string[];
}

export function badgeClassJson(c: BadgeClassInput) {
  return {
    '@context': OB_CONTEXT,
    type: 'BadgeClass',
    id: c.id,
    name: c.name,
    description: c.description || c.name,
    image: c.image,
    criteria: c.criteria.id ? { id: c.criteria.id, narrative: c.criteria.narrative } : { narrative: c.criteria.narrative },
    issuer: c.issuer,
    tags: c.tags ?? [],
  };
}

export interface AssertionDocInput {
  /** The assertion's hosted URL. */
  id: string;
  /** The badge class's hosted URL. */
  badge: string;
  identityHash: string;
  salt: string;
  issuedOn: Date;
  /** One URL, or the items that earned it. */
  evidence?: string | { id: string; name?: string; narrative?: string }[];
  narrative?: string;
}

export function assertionJson(a: AssertionDocInput) {
  return {
    '@context': OB_CONTEXT,
    type: 'Assertion',
    id: a.id,
    recipient: { type: 'email', hashed: true, salt: a.salt, identity: a.identityHash },
    badge: a.badge,
    verification: { type: 'hosted' },
    issuedOn: a.issuedOn.toISOString(),
    image: `${a.id}/badge.svg`,
    ...(a.evidence !== undefined && (typeof a.evidence === 'string' || a.evidence.length)
      ? { evidence: typeof a.evidence === 'string' ? a.evidence : a.evidence.map((e) => ({ type: 'Evidence', ...e })) }
      : {}),
    ...(a.narrative ? { narrative: a.narrative } : {}),
  };
}

/** What a hosted assertion URL answers once revoked (with status 410). */
export function revokedAssertionJson(assertionUrl: string, revocationReason: string | null) {
  return { '@context': OB_CONTEXT, type: 'Assertion', id: assertionUrl, revoked: true, revocationReason: revocationReason ?? '' };
}

// ---- SVG: each badge class's own image ----

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A hue (0–359) from the seed (a course slug, a badge key), so each badge class keeps its colour. */
export function badgeHue(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt16BE(0) % 360;
}

/** Up to two initials from the title's words ("Bürgerhaushalt planen" → "BP"); digits count as letters. */
export function badgeInitials(title: string): string {
  const words = title.split(/[\s\-–—:/]+/u).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0]!.toLocaleUpperCase('de'));
  return letters.join('') || '?';
}

const shortTitle = (title: string, max = 26) => ([...title].length <= max ? title : `${[...title].slice(0, max - 1).join('').trimEnd()}…`);

export interface BadgeImage {
  /** Gives the colour: the course slug, the badge key. */
  seed: string;
  /** Shown (shortened) under the initials, and the image's accessible name. */
  title: string;
  /** Default: badgeInitials(title). */
  initials?: string;
  /** The ring's colour (#rrggbb, e.g. a level's bronze, silver, gold); default white. */
  ring?: string;
}

/**
 * A badge as SVG: a disc in the seed's colour (white text on it keeps a contrast of at least
 * 4.5:1), a ring, the initials and the (shortened) title. `assertion` bakes an assertion into it as
 * Open Badges 2.0 describes for SVG (an <openbadges:assertion> element with the hosted URL and the JSON).
 */
export function badgeSvg(c: BadgeImage, assertion?: { url: string; json: string }): string {
  const fill = `hsl(${badgeHue(c.seed)}, 60%, 27%)`;
  const ring = c.ring && /^#[0-9a-f]{6}$/i.test(c.ring) ? c.ring : '#fff';
  const title = xmlEscape(c.title);
  // "]]>" cannot occur inside CDATA; in JSON ">" may be written as \u003e.
  const baked = assertion
    ? `<openbadges:assertion verify="${xmlEscape(assertion.url)}"><![CDATA[${assertion.json.replaceAll(']]>', ']]\\u003e')}]]></openbadges:assertion>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg"${assertion ? ' xmlns:openbadges="http://openbadges.org"' : ''} width="200" height="200" viewBox="0 0 200 200" role="img" aria-label="${title}">`
    + `${baked}<title>${title}</title>`
    + `<circle cx="100" cy="100" r="99" fill="${fill}"/>`
    + `<circle cx="100" cy="100" r="88" fill="none" stroke="${ring}" stroke-width="${c.ring ? 8 : 5}"/>`
    + `<text x="100" y="110" text-anchor="middle" font-family="sans-serif" font-size="60" font-weight="700" fill="#fff">${xmlEscape(c.initials ?? badgeInitials(c.title))}</text>`
    + `<text x="100" y="145" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#fff">${xmlEscape(shortTitle(c.title))}</text>`
    + `</svg>`;
}

/** The assertion baked into an SVG badge, if any. */
export function readBakedSvg(svg: string): string | null {
  const m = /<openbadges:assertion [^>]*><!\[CDATA\[([\s\S]*?)\]\]><\/openbadges:assertion>/.exec(svg);
  return m ? m[1]! : null;
}

// ---- PNG ----

const hexRgb = (hex: string): [number, number, number] => {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** The badge's colour as in the SVG: hsl(badgeHue(seed), 60 %, 27 %), as RGB. */
function hueColour(seed: string): [number, number, number] {
  const h = badgeHue(seed) / 30;
  const s = 0.6;
  const l = 0.27;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

// A 5×7 pixel font for the initials on the PNG badge (letters without accents, digits, "?").
const GLYPHS: Record<string, string[]> = {
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'], B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'], D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'], F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'], H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'], J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'], L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'], N: ['10001', '10001', '11001', '10101', '10011', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'], P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'], R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'], T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'], V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'], X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
  Y: ['10001', '10001', '01010', '00100', '00100', '00100', '00100'], Z: ['11111', '00001', '00010', '00100', '01000', '10000', '11111'],
  0: ['01110', '10001', '10011', '10101', '11001', '10001', '01110'], 1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'], 3: ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'], 5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'], 7: ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  8: ['01110', '10001', '10001', '01110', '10001', '10001', '01110'], 9: ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '?': ['01110', '10001', '00001', '00010', '00100', '00000', '00100'],
};

const glyphOf = (ch: string) => GLYPHS[ch.normalize('NFD').replace(/\p{M}/gu, '').replace('ß', 'S').toUpperCase()] ?? GLYPHS['?']!;

/**
 * A round badge, RGBA: a disc in the seed's colour with a ring (white, or `ring` as #rrggbb, e.g. a
 * level's colour) and, in white, `initials` (see badgeInitials) or a check mark without them.
 */
export function badgePng(seed: string, size = 200, initials?: string, ring?: string): Buffer {
  const [r, g, b] = hueColour(seed);
  const ringPx: [number, number, number, number] = ring ? [...hexRgb(ring), 255] : [255, 255, 255, 255];
  // The initials as a pixel mask: glyphs 5 wide with a gap of 1, scaled to about half the badge.
  const glyphs = initials ? [...initials].slice(0, 2).map(glyphOf) : [];
  const cols = glyphs.length * 6 - 1;
  const scale = glyphs.length ? Math.max(1, Math.floor((size * 0.5) / cols)) : 0;
  const left = Math.floor((size - cols * scale) / 2);
  const top = Math.floor((size - 7 * scale) / 2);
  const onText = (x: number, y: number) => {
    if (!scale) return false;
    const gx = Math.floor((x - left) / scale);
    const gy = Math.floor((y - top) / scale);
    if (x < left || y < top || gx >= cols || gy >= 7) return false;
    const glyph = glyphs[Math.floor(gx / 6)];
    return !!glyph && gx % 6 < 5 && glyph[gy]![gx % 6] === '1';
  };
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / c;
      const i = row + 1 + x * 4;
      // Check mark: two strokes in normalised coordinates.
      const u = (x - c) / c;
      const v = (y - c) / c;
      const onStroke = (x1: number, y1: number, x2: number, y2: number) => {
        const t = Math.max(0, Math.min(1, ((u - x1) * (x2 - x1) + (v - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
        return Math.hypot(u - (x1 + t * (x2 - x1)), v - (y1 + t * (y2 - y1))) < 0.09;
      };
      const check = glyphs.length ? onText(x, y) : onStroke(-0.4, 0.02, -0.1, 0.32) || onStroke(-0.1, 0.32, 0.42, -0.28);
      let px: [number, number, number, number];
      if (d > 1) px = [0, 0, 0, 0];
      else if (d > 0.86 && d < 0.93) px = ringPx;
      else if (check) px = [255, 255, 255, 255];
      else px = [r, g, b, 255];
      raw[i] = px[0]; raw[i + 1] = px[1]; raw[i + 2] = px[2]; raw[i + 3] = px[3];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface PngChunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

/** Reads a PNG's chunks (and checks each CRC). Throws on a file that is not a PNG. */
export function readPngChunks(png: Buffer): PngChunk[] {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  const out: PngChunk[] = [];
  let pos = 8;
  while (pos + 12 <= png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.subarray(pos + 4, pos + 8).toString('latin1');
    const data = png.subarray(pos + 8, pos + 8 + len);
    const crc = png.readUInt32BE(pos + 8 + len);
    out.push({ type, data, crcOk: (crc32(png.subarray(pos + 4, pos + 8 + len)) >>> 0) === crc });
    pos += 12 + len;
    if (type === 'IEND') break;
  }
  return out;
}

/** Bakes `text` (the assertion JSON) into the PNG as an uncompressed iTXt chunk "openbadges", before IEND. */
export function bakePng(png: Buffer, text: string): Buffer {
  const chunks = readPngChunks(png).filter((c) => !(c.type === 'iTXt' && c.data.subarray(0, 11).toString('latin1') === 'openbadges\0'));
  // keyword \0 compression-flag compression-method language-tag \0 translated-keyword \0 text
  const data = Buffer.concat([Buffer.from('openbadges\0', 'latin1'), Buffer.from([0, 0]), Buffer.from('\0\0', 'latin1'), Buffer.from(text, 'utf8')]);
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'IEND') parts.push(chunk('iTXt', data));
    parts.push(chunk(c.type, c.data));
  }
  return Buffer.concat(parts);
}

/** The baked text, if any (for tests and for verifying an uploaded badge). */
export function readBakedText(png: Buffer): string | null {
  for (const c of readPngChunks(png)) {
    if (c.type !== 'iTXt') continue;
    const kwEnd = c.data.indexOf(0);
    if (c.data.subarray(0, kwEnd).toString('latin1') !== 'openbadges') continue;
    const compressed = c.data[kwEnd + 1] === 1;
    let p = kwEnd + 3;
    p = c.data.indexOf(0, p) + 1; // language tag
    p = c.data.indexOf(0, p) + 1; // translated keyword
    const body = c.data.subarray(p);
    return (compressed ? inflateSync(body) : body).toString('utf8');
  }
  return null;
}
