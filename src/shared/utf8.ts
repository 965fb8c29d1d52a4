// Strict UTF-8 for text files people hand us (uploads, content files). Node's decoder silently
// turns invalid bytes into U+FFFD, which changes the text without a word; here they are refused
// with the line of the first bad byte, so the author can find it.

export class Utf8Error extends Error {
  constructor(
    /** 1-based line of the first invalid byte (LF, CRLF and CR end a line). */
    public readonly line: number,
    /** Byte offset of the first invalid byte. */
    public readonly offset: number,
    /** The bytes start with a UTF-16 byte order mark (Windows "Unicode" text). */
    public readonly utf16: boolean,
  ) {
    super(utf16 ? 'the file is UTF-16, not UTF-8' : `invalid UTF-8 in line ${line} (byte ${offset})`);
    this.name = 'Utf8Error';
  }
}

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let tail: number;
    if (c >= 0xc2 && c <= 0xdf) tail = 1;
    else if (c >= 0xe0 && c <= 0xef) tail = 2;
    else if (c >= 0xf0 && c <= 0xf4) tail = 3;
    else return i;
    if (i + tail >= b.length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= tail; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += tail + 1;
  }
  return -1;
}

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) line++;
    else if (b[i] === 0x0d && b[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** Decodes UTF-8 (a leading byte order mark is dropped) or throws Utf8Error. */
export function decodeUtf8(bytes: Uint8Array): string {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) throw new Utf8Error(1, 0, true);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new Utf8Error(lineAt(bytes, bad), bad, false);
  return new TextDecoder('utf-8').decode(bytes);
}
