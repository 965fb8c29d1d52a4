// Where uploaded files live and how an accepted upload is taken into place: shared by the web
// layer (receiveUpload streams the request's file to a temporary file) and the services that keep
// the file, so domain code needs no web import. Kept files live behind one small interface,
// FileStore (put / get a stream / stat / delete by key); modules never touch the file system for
// them, so an S3-compatible object store can replace LocalFileStore (the only implementation:
// files under UPLOAD_DIR, which must be one shared volume when several web processes run) without
// changing a module. The attachment checks (size limit, type read from the content, see
// filetype.ts) and keeping a file with its row (keepUpload) are shared by every module that takes
// documents (use cases' reuse kit, events' files).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, constants, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { projectRoot } from '../paths.js';
import { invalid } from './errors.js';
import { detectFileType, safeFilename, withFileSource, type DetectedType } from './filetype.js';

/** Where uploads are kept (UPLOAD_DIR, by default .data/uploads under the project). */
export const uploadRoot = (config: Pick<Config, 'uploadDir'>) => path.resolve(projectRoot, config.uploadDir);
/** Uploads in progress: under the upload root, so taking a file into place is a rename. */
export const uploadTempDir = (config: Pick<Config, 'uploadDir'>) => path.join(uploadRoot(config), 'incoming');

/** The file as the route and the service see it: a temporary file, not a buffer. */
export interface UploadedFile {
  originalname: string;
  /** The temporary file; moveUpload() takes it into place. */
  path: string;
  size: number;
}

/** Moves an accepted upload to its place (a rename on one file system; a copy across two). */
export async function moveUpload(file: UploadedFile, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(file.path, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(file.path, target, constants.COPYFILE_EXCL);
    await rm(file.path, { force: true });
  }
}

/** What a store knows of a kept file. */
export interface StoredFileInfo {
  size: number;
  modifiedAt: Date;
}

/**
 * Kept uploads by key: "<area>/<name>", e.g. "usecases/1b9d….pdf" (letters, digits, dots, dashes
 * and underscores per segment, no segment starting with a dot). The one seam for another storage
 * backend: an object store implements these four calls (put = upload the temporary file and remove
 * it, get = a GetObject body stream, stat = HeadObject, delete = DeleteObject).
 */
export interface FileStore {
  /** Takes the temporary upload in under `key`; afterwards the temporary file is gone. */
  put(key: string, file: UploadedFile): Promise<void>;
  /** The file's bytes as a stream, or null when there is no such file. */
  get(key: string): Promise<Readable | null>;
  /** Size and time of the file, or null when there is no such file. */
  stat(key: string): Promise<StoredFileInfo | null>;
  /** Removes the file; a missing file is no error. */
  delete(key: string): Promise<void>;
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** A store key from its parts, refusing anything that could leave the store ("..", "/", dot-files). */
export function storeKey(...parts: string[]): string {
  for (const p of parts) if (!KEY_SEGMENT.test(p)) throw new Error(`invalid file store key segment: ${JSON.stringify(p)}`);
  return parts.join('/');
}

/** Files in a directory (UPLOAD_DIR): one per key, the key's segments as sub-directories. */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, storeKey(...key.split('/')));
  }

  async put(key: string, file: UploadedFile): Promise<void> {
    await moveUpload(file, this.pathOf(key));
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.pathOf(key);
    if (!(await this.stat(key))) return null;
    return createReadStream(file);
  }

  async stat(key: string): Promise<StoredFileInfo | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size, modifiedAt: s.mtime } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The store for kept uploads under this configuration (UPLOAD_DIR). */
export function fileStore(config: Pick<Config, 'uploadDir'>): FileStore {
  return new LocalFileStore(uploadRoot(config));
}

/** The largest attachment (documents and images) a member may upload. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Message keys for the refusals of checkAttachment, shown at the form's `file` field. */
export interface AttachmentMessages {
  missing: string;
  tooLarge: string;
  badType: string;
}

/**
 * The attachment checks: a file arrived, it is within the limit, and its content is an allowed
 * type (PDF, office document, image; never judged by its name). Returns the detected type and the
 * download name; refuses with 422 at the `file` field. Nothing is written here.
 */
export async function checkAttachment(file: UploadedFile | undefined, messages: AttachmentMessages, maxBytes = MAX_ATTACHMENT_BYTES):
  Promise<{ file: UploadedFile; type: DetectedType; filename: string }> {
  if (!file || file.size === 0) throw invalid('validation.summary', { file: messages.missing });
  if (file.size > maxBytes) throw invalid('validation.summary', { file: messages.tooLarge });
  const type = await withFileSource(file.path, (src) => detectFileType(src, file.originalname));
  if (!type) throw invalid('validation.summary', { file: messages.badType });
  return { file, type, filename: safeFilename(file.originalname, type.ext) };
}

/**
 * Puts a checked upload into `store` under `<area>/<random name with the detected extension>`,
 * then runs `record(name)` (the row, in a transaction, keeps the name); when recording fails the
 * file is removed again, so a refusal leaves neither a file nor a row.
 */
export async function keepUpload<T>(store: FileStore, area: string, file: UploadedFile, type: DetectedType, record: (name: string) => Promise<T>): Promise<T> {
  const name = `${randomUUID()}.${type.ext}`;
  const key = storeKey(area, name);
  await store.put(key, file);
  try {
    return await record(name);
  } catch (err) {
    await store.delete(key);
    throw err;
  }
}
