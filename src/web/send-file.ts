// sendFileFrom(res, root, name, options): sends the file `name` from the directory `root`.
// The file sender refuses any path segment starting with a dot unless told otherwise, and given an
// absolute path it checks the whole path: a root under `.data/` (the default upload directory) or a
// checkout under `~/.local/` would answer every request with 404. Given a root, only the name below
// it is checked, and the rule for that name is stated here: dot-files are never served (403).
import type { Response } from 'express';

type SendOptions = NonNullable<Parameters<Response['sendFile']>[1]>;

export function sendFileFrom(res: Response, root: string, name: string, options: Omit<SendOptions, 'root' | 'dotfiles'> = {}): void {
  res.sendFile(name, { ...options, root, dotfiles: 'deny' });
}
