// The load generator of the benchmark harness (harness.ts), in its own Node process so it does not
// share an event loop — or, pinned with `taskset -c 1`, a core — with the server under test. Reads
// GENERATOR (JSON) from the environment and prints one JSON line with the result:
// - mode "closed": autocannon with `connections` connections for `seconds` seconds (each connection
//   with its own headers, e.g. its own member's session cookie): requests/s, p50/p99, errors;
// - mode "open": paced.ts, requests on a fixed schedule of `rate` per second for `seconds` seconds,
//   each latency measured from its scheduled send time: p50/p90/p99/max, how late the generator was.
//   With `trace` (bench:tail), every request carries an `x-bench-request: <prefix><n>` header and one
//   JSON line per request — id, due, sent, end (ms on the machine's monotonic clock, process.hrtime, which
//   the server's trace shares), HTTP status — goes to `trace.file` once the run is over.
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { paced } from '../forum/paced.js';

export interface GeneratorJob {
  mode: 'closed' | 'open';
  url: string;
  seconds: number;
  connections?: number;
  rate?: number;
  /** Headers per connection (closed) or per request, round robin (open). */
  headers: Record<string, string>[];
  /** Open loop only: per-request records for bench/tail. */
  trace?: { file: string; prefix: string };
}

export interface GeneratorResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Open loop only: what failed, counted (`status 503`, `ECONNRESET`). */
  failures?: Record<string, number>;
  /** Open loop only: how late the generator sent at worst (ms). */
  worstSendDelay?: number;
  /** The generator's own CPU time over its whole life (ms). */
  cpuMs: number;
}

const job = JSON.parse(process.env.GENERATOR ?? '{}') as GeneratorJob;
let next = 0;
const headers = () => job.headers[next++ % job.headers.length] ?? {};

let result: Omit<GeneratorResult, 'cpuMs'>;
if (job.mode === 'closed') {
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({
      url: job.url, connections: job.connections ?? 50, duration: job.seconds,
      setupClient: (client) => client.setHeaders(headers()),
    }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  result = { requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
} else {
  const trace = job.trace;
  // performance.now() counts from this process's start on the monotonic clock that process.hrtime reads.
  const clock = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const lines: string[] = [];
  const r = await paced({
    url: job.url, rate: job.rate ?? 100, seconds: job.seconds,
    headers: trace ? (seq) => ({ ...headers(), 'x-bench-request': `${trace.prefix}${seq}` }) : headers,
    onRequest: trace && ((q) => lines.push(JSON.stringify({ id: `${trace.prefix}${q.seq}`, due: q.due + clock, sent: q.sent + clock, end: q.end + clock, status: q.status }))),
  });
  if (trace) writeFileSync(trace.file, lines.join('\n') + '\n');
  result = { requests: r.completed, rps: r.requestsPerSecond, p50: r.p50, p99: r.p99, errors: r.errors + r.non2xx, failures: r.failures, worstSendDelay: r.worstSendDelay };
}
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 }));
