// Where uploaded files live and how an accepted upload is taken into place: shared by the web
// layer (receiveUpload streams the request's file to a temporary file) and the services that keep
// the file (moveUpload), so domain code needs no web import.
import { copyFile, constants, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { projectRoot } from '../paths.js';

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
