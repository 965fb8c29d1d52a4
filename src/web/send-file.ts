// sendFileFrom(res, root, name, options): sends the file `name` from the directory `root`.
// The file sender refuses any path segment starting with a dot unless told otherwise, and given an
// absolute path it checks the whole path: a root under `.data/` (the default upload directory) or a
// checkout under `~/.local/` would answer every request with 404. Given a root, only the name below
// it is checked, and the rule for that name is stated here: dot-files are never served (403).
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../shared/errors.js';
import type { FileStore } from '../shared/uploads.js';

type SendOptions = NonNullable<Parameters<Response['sendFile']>[1]>;

export function sendFileFrom(res: Response, root: string, name: string, options: Omit<SendOptions, 'root' | 'dotfiles'> = {}): void {
  res.sendFile(name, { ...options, root, dotfiles: 'deny' });
}

/**
 * Streams the file `key` of a file store (src/shared/uploads.ts) as the response, with its type and
 * length; 404 when the store has no such file. Set Content-Disposition (res.attachment) first.
 */
export async function sendStoredFile(res: Response, store: FileStore, key: string,
  o: { contentType: string; size: number; headers?: Record<string, string> }): Promise<void> {
  const body = await store.get(key);
  if (!body) throw notFound();
  res.set({ ...o.headers, 'Content-Type': o.contentType, 'Content-Length': String(o.size) });
  await pipeline(body, res);
}
