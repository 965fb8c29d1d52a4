// `npm start` as production runs it: the README's memory caps exported (NODE_OPTIONS with a 64 MB
// heap, MALLOC_ARENA_MAX=1), NODE_ENV=production, a database of its own. The build that `npm start`
// runs first must not inherit the 64 MB heap (it ran out of memory, and the server never started);
// the server must then answer /healthz. The real npm script, the real built server, a real port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { usePrivateDatabase } from '../support/accounts-factories.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

describe('npm start with the production memory settings', () => {
  const db = usePrivateDatabase();

  it('when NODE_OPTIONS caps the heap at 64 MB, then the build still succeeds and the server answers /healthz', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'praxis-prod-'));
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start'], {
      cwd: root, detached: true,
      env: {
        ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '--max-old-space-size=96 --max-semi-space-size=8', MALLOC_ARENA_MAX: '1',
        DATABASE_URL: db.DATABASE_URL, PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}`,
        SESSION_SECRET: 'a-session-secret-of-at-least-32-characters', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SMTP_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    let exited: number | null = null;
    child.on('exit', (code) => { exited = code ?? -1; });
    try {
      let status = 0;
      const until = Date.now() + 170_000;
      while (Date.now() < until && exited === null) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect({ status, exited, output: status === 200 ? '' : output.slice(-3000) }).toEqual({ status: 200, exited: null, output: '' });
    } finally {
      // npm, the shell it starts and the server: the whole process group.
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((r) => (exited !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
