// receiveUpload({ field, maxBytes, tempDir, messages }): one multipart file, streamed to a temporary
// file while its bytes are counted. Mount it after the permission check (requireUser → the route's
// "may this member upload here?" → receiveUpload → validateForm → service), so a refused request is
// answered before a byte of its body is read. Usage:
//   r.post('/x/:id/files', requireUser, mayUpload, files.receive, validateForm(schema, spec), handler, files.discard);
// The service takes the file with moveUpload(); `discard` (an error handler at the end of the route)
// removes it on any refusal before the error page is sent, and the response's end removes what is left.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { invalid } from '../../shared/errors.js';
import { badText, isStorableText, unstorableField } from './input-guard.js';
import type { UploadedFile } from '../../shared/uploads.js';

export { moveUpload, uploadRoot, uploadTempDir, type UploadedFile } from '../../shared/uploads.js';

export interface UploadOptions {
  /** The multipart field of the file. */
  field: string;
  /** Larger files are refused; counted while streaming, so at most this much is written. */
  maxBytes: number;
  /** Where temporary files go: on the same file system as their destination, so the move is a rename. */
  tempDir: string;
  /** Message keys for the field: the file is too large / the upload could not be received. */
  messages: { tooLarge: string; failed: string };
  /** The form field the message is shown at (default: `field`). */
  errorField?: string;
  /** Text fields besides the file (count and size of each); defaults keep a form small. */
  fields?: number;
  fieldSize?: number;
}

interface StoredInfo {
  path?: string;
  size: number;
  tooLarge?: boolean;
}

const TEMP_FILES = Symbol('uploadTempFiles');
type WithTemps = Request & { [TEMP_FILES]?: Set<string> };

/**
 * Streams the file part to disk and stops writing past maxBytes. The rest of an oversized file is
 * read and dropped, so the text fields after it still arrive and the form can be shown again with
 * the member's input kept; the partial file is removed before multer continues.
 */
class LimitedDiskStorage implements multer.StorageEngine {
  constructor(private readonly dir: string, private readonly maxBytes: number) {}

  _handleFile(req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File>) => void): void {
    const target = path.join(this.dir, `${randomUUID()}.part`);
    const temps = ((req as WithTemps)[TEMP_FILES] ??= new Set());
    temps.add(target);
    let size = 0;
    let tooLarge = false;
    const max = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) tooLarge = true;
        done(null, tooLarge ? undefined : chunk);
      },
    });
    const store = async (): Promise<StoredInfo> => {
      await mkdir(this.dir, { recursive: true });
      try {
        await pipeline(file.stream, counter, createWriteStream(target, { flags: 'wx' }));
      } catch (err) {
        await rm(target, { force: true });
        throw err;
      }
      if (!tooLarge) return { path: target, size };
      await rm(target, { force: true });
      return { size, tooLarge: true };
    };
    store().then((info) => cb(null, info as Partial<Express.Multer.File>), (err: unknown) => cb(err));
  }

  _removeFile(_req: Request, file: Express.Multer.File & StoredInfo, cb: (error: Error | null) => void): void {
    if (!file.path) return cb(null);
    rm(file.path, { force: true }).then(() => cb(null), (err: Error) => cb(err));
  }
}

/** Removes temporary files of this request that were not taken (refusal, error, aborted upload). */
async function removeTemps(req: Request): Promise<void> {
  const temps = (req as WithTemps)[TEMP_FILES];
  if (!temps?.size) return;
  const paths = [...temps];
  temps.clear();
  await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => undefined)));
}

/** Temporary files older than this are left over from a crash (an upload cannot take this long). */
const STALE_MS = 6 * 60 * 60 * 1000;

async function sweepStale(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    const file = path.join(dir, name);
    const s = await stat(file).catch(() => null);
    if (s && now - s.mtimeMs > STALE_MS) await rm(file, { force: true }).catch(() => undefined);
  }
}

export function receiveUpload(opts: UploadOptions) {
  const errorField = opts.errorField ?? opts.field;
  const upload = multer({
    storage: new LimitedDiskStorage(opts.tempDir, opts.maxBytes),
    limits: { files: 1, fields: opts.fields ?? 10, fieldSize: opts.fieldSize ?? 64 * 1024, parts: (opts.fields ?? 10) + 1 },
  }).single(opts.field);
  void sweepStale(opts.tempDir);

  const receive = (req: Request, res: Response, next: NextFunction): void => {
    // Whatever happens later (a refusal, an error, a client that goes away), nothing stays behind.
    res.once('close', () => void removeTemps(req));
    upload(req, res, (err: unknown) => {
      if (err) {
        void removeTemps(req);
        return next(invalid('validation.summary', { [errorField]: opts.messages.failed }));
      }
      const file = req.file as (Express.Multer.File & StoredInfo) | undefined;
      // The text fields and the file name, as input-guard.ts checks urlencoded forms. busboy has
      // already decoded them, replacing bytes that are not UTF-8 with U+FFFD: that is refused too.
      const damaged = (s: string) => !isStorableText(s) || s.includes('\ufffd');
      if (unstorableField(req.body) !== undefined || Object.values(req.body ?? {}).some((v) => typeof v === 'string' && damaged(v))
        || (file?.originalname !== undefined && damaged(file.originalname))) {
        req.file = undefined;
        void removeTemps(req);
        return next(badText());
      }
      if (file?.tooLarge) {
        req.file = undefined;
        return next(invalid('validation.summary', { [errorField]: opts.messages.tooLarge }));
      }
      next();
    });
  };

  /** Last handler of the route: on any error the temporary file goes before the error page is sent. */
  const discard = (err: unknown, req: Request, _res: Response, next: NextFunction): void => {
    removeTemps(req).then(() => next(err), () => next(err));
  };

  return { receive, discard };
}

/** The uploaded file of this request, if one arrived within the limit. */
export function uploadedFile(req: Request): UploadedFile | undefined {
  const f = req.file as (Express.Multer.File & StoredInfo) | undefined;
  return f?.path ? { originalname: f.originalname, path: f.path, size: f.size } : undefined;
}

/** Reads a (small) uploaded file into memory and removes the temporary file. */
export async function takeUploadedBytes(req: Request): Promise<Buffer | undefined> {
  const file = uploadedFile(req);
  if (!file) return undefined;
  try {
    return await readFile(file.path);
  } finally {
    await removeTemps(req);
  }
}
