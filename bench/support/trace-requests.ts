// Preloaded into the benchmarked server by bench:tail only (startServer's `extra.imports`), and inert
// unless BENCH_TRACE_FILE is set: where each request's time goes, without touching the app. Appends
// JSON lines to BENCH_TRACE_FILE, buffered and written every 250 ms (asynchronously; at exit
// synchronously). Times are ms on the machine's monotonic clock (process.hrtime), which the load
// generator's trace shares.
// - {type:'req'}: per HTTP request (diagnostics_channel http.server.request.start → response.finish):
//   id (the generator's x-bench-request header), url, start, end, process CPU ms over the request
//   (process.cpuUsage, all threads — at a light load nearly all of it this request's), and its pg
//   Client#query calls: statements, the sum of their durations, the longest, and `db` — the time at
//   least one was in flight (their union; the sum counts parallel queries twice). A query belongs to
//   the request in whose async context it was sent (AsyncLocalStorage); a query's duration runs from
//   the call to its result, so it includes waiting behind another query on the same connection.
//   `connects`/`connectMs`: new PostgreSQL connections the pool opened for this request, and their time
//   (pg Client#connect: the backend's start-up; its first statements then run with cold caches).
// - {type:'gc'}: every GC pause (PerformanceObserver 'gc'): start, ms, kind.
// - {type:'stall'}: the event loop did not run for more than BENCH_TRACE_STALL_MS (5): a 2 ms
//   interval timer fired `ms` late; start..end is the part of the stall known for certain (from when
//   the timer was due); cpu is the process's CPU time meanwhile — close to `ms` when the loop was busy
//   (JavaScript, GC), far below when the process was not running (another process on its core).
// - {type:'loop'}: each second, monitorEventLoopDelay (1 ms resolution) of that second: p50, p99, max.
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import { appendFile, appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { PerformanceObserver, monitorEventLoopDelay, constants } from 'node:perf_hooks';

const file = process.env.BENCH_TRACE_FILE;
if (file) {
  const clock = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const now = () => performance.now() + clock;
  const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
  const round = (n: number) => Math.round(n * 1000) / 1000;

  let lines: string[] = [];
  let writing = false;
  const flush = () => {
    if (writing || !lines.length) return;
    const text = lines.join('\n') + '\n';
    lines = [];
    writing = true;
    appendFile(file, text, () => { writing = false; });
  };
  setInterval(flush, 250).unref();
  process.on('exit', () => { if (lines.length) appendFileSync(file, lines.join('\n') + '\n'); });

  interface Req { id: string; url: string; start: number; cpu0: number; statements: number; sum: number; longest: number; db: number; inFlight: number; since: number; connects: number; connectMs: number }
  const current = new AsyncLocalStorage<Req>();
  const requests = new WeakMap<ServerResponse, Req>();

  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const header = request.headers['x-bench-request'];
    const req: Req = {
      id: typeof header === 'string' ? header : '', url: request.url ?? '', start: now(), cpu0: cpuMs(),
      statements: 0, sum: 0, longest: 0, db: 0, inFlight: 0, since: 0, connects: 0, connectMs: 0,
    };
    requests.set(response, req);
    // Published synchronously right before the server emits 'request': the app's handling of this
    // request, and every query it sends, runs in this context.
    current.enterWith(req);
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { response } = message as { response: ServerResponse };
    const req = requests.get(response);
    if (!req) return;
    requests.delete(response);
    lines.push(JSON.stringify({
      type: 'req', id: req.id, url: req.url, start: round(req.start), end: round(now()), cpu: round(cpuMs() - req.cpu0),
      status: response.statusCode, statements: req.statements, sum: round(req.sum), longest: round(req.longest), db: round(req.db),
      connects: req.connects, connectMs: round(req.connectMs),
    }));
  });

  const require = createRequire(import.meta.url);
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown; connect: (...args: unknown[]) => unknown } } };
  const connect = pg.Client.prototype.connect;
  pg.Client.prototype.connect = function connectTraced(this: unknown, ...args: unknown[]) {
    const req = current.getStore();
    if (!req) return connect.apply(this, args);
    const t0 = now();
    req.connects++;
    const done = () => { req.connectMs += now() - t0; };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = function (this: unknown, ...a: unknown[]) { done(); return callback.apply(this, a); };
      return connect.apply(this, args);
    }
    const result = connect.apply(this, args) as Promise<unknown> | undefined;
    result?.then(done, done);
    return result;
  };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    const req = current.getStore();
    if (!req) return original.apply(this, args);
    const t0 = now();
    req.statements++;
    if (req.inFlight++ === 0) req.since = t0;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      const t1 = now();
      req.sum += t1 - t0;
      req.longest = Math.max(req.longest, t1 - t0);
      if (--req.inFlight === 0) req.db += t1 - req.since;
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = function (this: unknown, ...a: unknown[]) { done(); return callback.apply(this, a); };
    }
    const result = original.apply(this, args) as { then?: unknown; once?: unknown } | undefined;
    if (result && typeof result.then === 'function') (result as Promise<unknown>).then(done, done);
    else if (result && typeof result.once === 'function') {
      const emitter = result as { once: (event: string, f: () => void) => void };
      emitter.once('end', done);
      emitter.once('error', done);
    }
    return result;
  };

  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
      lines.push(JSON.stringify({ type: 'gc', start: round(e.startTime + clock), ms: round(e.duration), kind: kinds[kind] ?? String(kind) }));
    }
  }).observe({ entryTypes: ['gc'] });

  const stallMs = Number(process.env.BENCH_TRACE_STALL_MS ?? 5);
  const every = 2;
  let due = now() + every;
  let cpuThen = cpuMs();
  setInterval(() => {
    const t = now();
    const cpu = cpuMs();
    if (t - due > stallMs) lines.push(JSON.stringify({ type: 'stall', start: round(due), end: round(t), ms: round(t - due), cpu: round(cpu - cpuThen) }));
    due = t + every;
    cpuThen = cpu;
  }, every).unref();

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setInterval(() => {
    const ms = (ns: number) => round(ns / 1e6);
    lines.push(JSON.stringify({ type: 'loop', end: round(now()), p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }));
    delay.reset();
  }, 1000).unref();
}
