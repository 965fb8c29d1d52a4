// Where uploaded files live and how an accepted upload is taken into place: shared by the web
// layer (receiveUpload streams the request's file to a temporary file) and the services that keep
// the file (moveUpload), so domain code needs no web import. The attachment checks (size limit,
// type read from the content, see filetype.ts) and keeping a file with its row (keepUpload) are
// shared by every module that takes documents (use cases' reuse kit, events' files).
import { randomUUID } from 'node:crypto';
import { copyFile, constants, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
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
 * Takes a checked upload into `dir` under a random key (with the detected extension), then runs
 * `record(key)` (the row, in a transaction); when recording fails the file is removed again, so a
 * refusal leaves neither a file nor a row.
 */
export async function keepUpload<T>(file: UploadedFile, dir: string, type: DetectedType, record: (key: string) => Promise<T>): Promise<T> {
  const key = `${randomUUID()}.${type.ext}`;
  const target = path.join(dir, key);
  await moveUpload(file, target);
  try {
    return await record(key);
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
}
