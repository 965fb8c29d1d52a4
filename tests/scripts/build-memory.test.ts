// `npm start` builds first; with the production memory caps from the README exported
// (NODE_OPTIONS with a 64 MB heap) the TypeScript compiler must still have room: the build script
// gives its own process a larger heap. Runs the real npm script, into a temporary directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

describe('npm run build under the production memory settings', () => {
  it('when NODE_OPTIONS caps the heap at 64 MB, then the build still succeeds', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'praxis-build-'));
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const run = spawnSync(npm, ['run', 'build', '--', '--outDir', out], {
        cwd: path.resolve(fileURLToPath(new URL('../..', import.meta.url))),
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64 --max-semi-space-size=2', MALLOC_ARENA_MAX: '1' },
        encoding: 'utf8',
        timeout: 170_000,
      });
      expect({ status: run.status, stderr: run.stderr.slice(-2000) }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(existsSync(path.join(out, 'src', 'main.js'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
