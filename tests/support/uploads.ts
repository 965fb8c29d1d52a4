// Uploads over a real socket, sent in parts, to see what the server does before the body is complete:
// whether it answers without reading it, and whether what it has received is already on disk.
import type { Express } from 'express';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { Browser, csrfIn } from './agent.js';
import type { TestUser } from './factories.js';

/** A signed-in member's session cookie and CSRF token, for requests outside supertest. */
export async function sessionOf(app: Express, user: TestUser, formPage = '/barrierefreiheit'): Promise<{ cookie: string; token: string }> {
  const b = new Browser(app);
  const res = await b.login(user);
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = set.map((c) => c.split(';')[0]).find((c) => c.startsWith('praxis.sid='));
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed for ${user.email}: ${res.status}`);
  return { cookie, token: csrfIn((await b.get(formPage)).text) };
}

/** A multipart body with text fields, then one file part, then text fields again. */
export function multipartBody(before: Record<string, string>, file: { field: string; name: string; content: Buffer }, after: Record<string, string> = {}) {
  const boundary = `----praxis${Date.now().toString(16)}`;
  const text = (fields: Record<string, string>) =>
    Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  const head = Buffer.from(`${text(before)}--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n${text(after)}--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, head, tail, length: head.length + file.content.length + tail.length, body: Buffer.concat([head, file.content, tail]) };
}

export interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

/**
 * Starts a POST that declares `declaredLength` bytes and sends only `firstPart` of them. `reply`
 * resolves when the server answers (before or after the rest is sent); `sendRest` sends more.
 */
export async function startUpload(app: Express, opts: { path: string; cookie: string; contentType: string; declaredLength: number; firstPart: Buffer }) {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets: Socket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  const req = http.request({
    host: '127.0.0.1', port, method: 'POST', path: opts.path,
    headers: { Cookie: opts.cookie, 'Content-Type': opts.contentType, 'Content-Length': String(opts.declaredLength) },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  const written = new Promise<void>((resolve) => req.write(opts.firstPart, () => resolve()));
  return {
    reply,
    /** Resolves once the server has read every byte sent so far (it may still be processing them). */
    readByServer: async () => {
      await written;
      await eventually(() => (sockets.reduce((n, s) => n + s.bytesRead, 0) >= (req.socket?.bytesWritten ?? Infinity) ? true : undefined));
    },
    sendRest: (rest: Buffer) => new Promise<void>((resolve) => req.end(rest, resolve)),
    /** Ends the connection and the server. */
    close: async () => {
      req.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves with the value once `probe` returns one, polling; rejects after `ms` (a guard, not a measurement). */
export async function eventually<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Races a promise against a guard; the guard only fires when the server never answers. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]);
}

/** Files (name → size) directly in a directory; none when it does not exist. */
export function filesIn(dir: string): Record<string, number> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((n) => [n, statSync(path.join(dir, n)).size]));
}
