// What a file really is, from its bytes (never its name): PDF, images (PNG, JPEG, GIF, WebP),
// OOXML (docx/xlsx/pptx: a ZIP whose [Content_Types].xml names the main part), OpenDocument
// (a ZIP whose first entry "mimetype" says so) and legacy Office files (OLE containers, told
// apart by the extension only among doc/xls/ppt). Everything else is refused.
import { open } from 'node:fs/promises';

export interface DetectedType {
  contentType: string;
  /** The extension the stored name gets, so the download's name matches its content. */
  ext: string;
}

/**
 * Random access to the bytes being checked: the uploaded file on disk (only the few ranges the
 * check needs are read, never the whole file) or a buffer.
 */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export const bufferSource = (buf: Buffer): ByteSource => ({
  size: buf.length,
  read: async (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
});

export async function withFileSource<T>(file: string, use: (src: ByteSource) => Promise<T>): Promise<T> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    return await use({
      size,
      read: async (offset, length) => {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      },
    });
  } finally {
    await fh.close();
  }
}

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const OOXML: { part: string; type: DetectedType }[] = [
  { part: 'word/', type: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' } },
  { part: 'xl/', type: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' } },
  { part: 'ppt/', type: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' } },
];
const ODF: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};
const OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** A central directory larger than this is not an office document (theirs are a few KB). */
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** Entry names from a ZIP's central directory (no decompression needed). */
export async function zipEntryNames(input: ByteSource | Buffer): Promise<string[] | null> {
  const src = Buffer.isBuffer(input) ? bufferSource(input) : input;
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  const tailLength = Math.min(src.size, 65_557);
  const tail = await src.read(src.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > src.size) return null;
  const cd = await src.read(cdOffset, cdSize);
  let p = 0;
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLen > cd.length) return null;
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

async function detectZip(src: ByteSource, head: Buffer): Promise<DetectedType | null> {
  // OpenDocument: the first local entry is an uncompressed "mimetype" file.
  const nameLen = head.readUInt16LE(26);
  const extraLen = head.readUInt16LE(28);
  if ((await src.read(30, nameLen)).toString('latin1') === 'mimetype') {
    const size = head.readUInt32LE(18);
    const mime = (await src.read(30 + nameLen + extraLen, Math.min(size, 100))).toString('latin1');
    if (ODF[mime]) return { contentType: mime, ext: ODF[mime] };
  }
  const names = await zipEntryNames(src);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  return OOXML.find((o) => names.some((n) => n.startsWith(o.part)))?.type ?? null;
}

export async function detectFileType(input: ByteSource | Buffer, filename: string): Promise<DetectedType | null> {
  const src = Buffer.isBuffer(input) ? bufferSource(input) : input;
  if (src.size < 8) return null;
  const buf = await src.read(0, 30);
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', ext: 'pdf' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', ext: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return { contentType: 'image/gif', ext: 'gif' };
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return { contentType: 'image/webp', ext: 'webp' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && buf.length >= 30) return detectZip(src, buf);
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const ext = filename.toLowerCase().split('.').pop() ?? '';
    return OLE[ext] ? { contentType: OLE[ext], ext } : null;
  }
  return null;
}

/** A download name: the uploaded base name, cleaned, with the extension of the detected type. */
export function safeFilename(original: string, ext: string): string {
  const base = original
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} _.-]+/gu, '_')
    .trim()
    .slice(0, 100) || 'datei';
  return `${base}.${ext}`;
}

/** ISO base media brands of MP4 files (QuickTime's "qt  " and 3GPP are not MP4 and refused). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'MSNV', 'f4v ']);

/**
 * A training video's container from its bytes (issue 18): MP4 (an ISO base media file whose first
 * box is "ftyp" with an MP4 brand) or WebM (an EBML document of DocType "webm"). Never judged by the
 * name; kept apart from detectFileType so documents' uploads do not start taking videos. The codec
 * inside (H.264, VP8/VP9/AV1) is read later with ffprobe.
 */
export async function detectVideoType(input: ByteSource | Buffer): Promise<DetectedType | null> {
  const src = Buffer.isBuffer(input) ? bufferSource(input) : input;
  if (src.size < 16) return null;
  const head = await src.read(0, 64);
  if (head.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = head.readUInt32BE(0);
    const brands = [head.toString('latin1', 8, 12)];
    for (let p = 16; p + 4 <= Math.min(boxSize, head.length); p += 4) brands.push(head.toString('latin1', p, p + 4));
    return brands.some((b) => MP4_BRANDS.has(b)) ? { contentType: 'video/mp4', ext: 'mp4' } : null;
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // The DocType element (0x42 0x82), a size byte (0x80 | length), then the name.
    const at = head.indexOf(Buffer.from([0x42, 0x82]));
    if (at < 0 || at + 3 > head.length) return null;
    const len = head[at + 2]! & 0x7f;
    return head.toString('latin1', at + 3, at + 3 + len) === 'webm' ? { contentType: 'video/webm', ext: 'webm' } : null;
  }
  return null;
}
