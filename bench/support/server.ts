// The app as benchmarks serve it: bench/forum/server.js forked in production mode on the given
// database, behind a pretend TLS proxy, without the worker and with sign-in limits out of the way.
// Resolves with the base URL once the server listens and `stop` (the server's orderly stop); the child
// is killed when the benchmark exits.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The settings every benchmark serves the app with: production mode behind a pretend TLS proxy, without
 * the worker, sign-in limits out of the way. One place, so the benchmarks cannot drift apart. */
export const benchAppEnv = {
  NODE_ENV: 'production', LOG_LEVEL: 'warn', TRUST_PROXY: 'true',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000', SIGNIN_IP_MAX_FAILURES: '100000',
  BASE_URL: 'https://praxis.bench', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', RUN_WORKER: 'false',
} as const;

export async function startBenchServer(databaseUrl: string): Promise<{ base: string; stop: () => void }> {
  const child = fork(path.join(here, '../forum/server.js'), {
    env: { ...process.env, ...benchAppEnv, DATABASE_URL: databaseUrl },
  });
  process.on('exit', () => child.kill());
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  return { base: `http://127.0.0.1:${port}`, stop: () => void child.send('stop') };
}
