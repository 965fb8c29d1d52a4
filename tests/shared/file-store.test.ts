// The file store behind every kept upload (src/shared/uploads.ts): the local implementation on a
// temporary directory, as a second web process sharing the same UPLOAD_DIR volume would see it.
import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { LocalFileStore, storeKey } from '../../src/shared/uploads.js';

async function tempUpload(dir: string, content: string) {
  const p = path.join(dir, 'incoming', `upload-${Math.random().toString(36).slice(2)}`);
  await writeFile(p, content);
  return { originalname: 'Bericht.pdf', path: p, size: Buffer.byteLength(content) };
}

describe('file store', () => {
  it('when a file is put, then another store on the same directory gets, stats and deletes it; the temporary file is gone', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'praxis-store-'));
    try {
      await mkdir(path.join(root, 'incoming'));
      const upload = await tempUpload(root, 'Inhalt der Datei');
      const web1 = new LocalFileStore(root);
      const web2 = new LocalFileStore(root);
      await web1.put('usecases/abc.pdf', upload);
      expect(await readdir(path.join(root, 'incoming'))).toEqual([]);
      expect(await web2.stat('usecases/abc.pdf')).toMatchObject({ size: 16 });
      expect(await text((await web2.get('usecases/abc.pdf'))!)).toBe('Inhalt der Datei');
      await web2.delete('usecases/abc.pdf');
      expect(await web1.stat('usecases/abc.pdf')).toBeNull();
      expect(await web1.get('usecases/abc.pdf')).toBeNull();
      await web1.delete('usecases/abc.pdf'); // a missing file is no error
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('when a key could leave the store, then it is refused', async () => {
    const store = new LocalFileStore(os.tmpdir());
    for (const bad of ['../etc/passwd', 'usecases/../../x', '.hidden', 'usecases/.env', 'a//b', '']) {
      await expect(store.stat(bad)).rejects.toThrow(/invalid file store key/);
    }
    expect(() => storeKey('usecases', '..')).toThrow(/invalid file store key/);
    expect(storeKey('events', '1b9d.pdf')).toBe('events/1b9d.pdf');
  });
});
