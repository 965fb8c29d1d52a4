// Processes of the built app (dist/, `npm run test:cluster` builds first) for the cluster test: web
// processes (src/main.ts, RUN_WORKER=false) and workers (src/cli/worker.ts), each a real child
// process on its own port, all on one database. Output is kept for the failure message.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** The exit code (or null after a signal) once it has ended, undefined while it runs. */
  code?: number | null;
}

export function startProc(name: string, script: 'main' | 'worker', env: Record<string, string>): Proc {
  const file = path.join(root, 'dist', 'src', script === 'main' ? 'main.js' : 'cli/worker.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run the cluster test with \`npm run test:cluster\` (it builds first)`);
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const proc: Proc = {
    name,
    child,
    output: () => out,
    exited: new Promise((resolve) => child.once('exit', (code) => { proc.code = code; resolve(code); })),
  };
  return proc;
}

/** Waits until GET /readyz answers 200 (or the process ends, or the time is up). */
export async function waitReady(port: number, proc: Proc, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.code !== undefined) throw new Error(`${proc.name} exited (${proc.code}) before it was ready:\n${proc.output().slice(-3000)}`);
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${proc.name} not ready after ${timeoutMs} ms:\n${proc.output().slice(-3000)}`);
}

export async function stopProc(proc: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (proc.code === undefined) proc.child.kill(signal);
  return proc.exited;
}

/** A visitor's cookies, kept by hand so one session can be sent to either process. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly headers: Record<string, string> = {}) {}

  async request(base: string, pathname: string, init: { method?: string; form?: Record<string, string>; accept?: string } = {}) {
    const headers: Record<string, string> = { ...this.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.accept) headers.accept = init.accept;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(base + pathname, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(pair!.slice(0, i));
      else this.cookies.set(pair!.slice(0, i), value);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
}

export function csrfIn(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}
