// An open-loop load generator for "p99 at a steady N requests/s": requests leave on a fixed
// schedule (one every 1000/N ms), whether or not earlier ones have answered, and each latency is
// measured from the moment its request was due. A slow server therefore cannot hide queueing by
// slowing the generator down (coordinated omission). autocannon's own rate limit sends each
// connection's share at the start of every second, which is a burst, not a steady rate.
import http from 'node:http';

export interface PacedResult {
  sent: number;
  completed: number;
  errors: number;
  non2xx: number;
  /** What failed, counted: `status 503`, or the socket error's code (`ECONNRESET`). */
  failures: Record<string, number>;
  requestsPerSecond: number;
  /** Latency percentiles in ms, measured from each request's scheduled start. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** How late the generator itself sent requests at worst (ms); large values mean the numbers are not trustworthy. */
  worstSendDelay: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** One request as the generator saw it (for tracing): its number, when it was due, sent and answered (performance.now()). */
export interface PacedRequest { seq: number; due: number; sent: number; end: number; status: number }

export async function paced(opts: {
  url: string; rate: number; seconds: number; headers: (seq: number) => Record<string, string>; maxSockets?: number;
  onRequest?: (r: PacedRequest) => void;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 100 });
  const target = new URL(opts.url);
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const failures: Record<string, number> = {};
  const failed = (what: string) => { failures[what] = (failures[what] ?? 0) + 1; };
  let worstSendDelay = 0;
  let sent = 0;
  const start = performance.now() + 20;

  const fire = (due: number, seq: number) =>
    new Promise<void>((resolve) => {
      const sentAt = performance.now();
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers: opts.headers(seq) },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            const end = performance.now();
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) latencies.push(end - due);
            else { non2xx++; failed(`status ${res.statusCode}`); }
            opts.onRequest?.({ seq, due, sent: sentAt, end, status: res.statusCode ?? 0 });
            resolve();
          });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => { errors++; failed(e.code ?? e.message); opts.onRequest?.({ seq, due, sent: sentAt, end: performance.now(), status: 0 }); resolve(); });
      req.end();
    });

  const pending: Promise<void>[] = [];
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        worstSendDelay = Math.max(worstSendDelay, now - due);
        pending.push(fire(due, sent));
        sent++;
      }
      if (sent >= total) return done();
      setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    sent, completed: latencies.length, errors, non2xx, failures,
    requestsPerSecond: latencies.length / elapsed,
    p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN), worstSendDelay: round(worstSendDelay),
  };
}
