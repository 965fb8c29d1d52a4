// The load generator of bench:start, in its own process (run.ts starts it with `taskset -c 1` when
// available): CONNECTIONS closed loops of GET on one URL for SECONDS, each latency recorded; prints
// one JSON line with p50/p95/p99 and requests/s.
import http from 'node:http';
import { percentile } from '../forum/paced.js';

const url = new URL(process.env.LOAD_URL!);
const cookie = process.env.LOAD_COOKIE ?? '';
const connections = Number(process.env.LOAD_CONNECTIONS ?? 4);
const seconds = Number(process.env.LOAD_SECONDS ?? 15);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies: number[] = [];
let errors = 0;
let non2xx = 0;

const once = () => new Promise<void>((resolve) => {
  const t0 = performance.now();
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, agent, headers: { cookie, 'x-forwarded-proto': 'https' } }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      if (res.statusCode === 200) latencies.push(performance.now() - t0);
      else non2xx++;
      resolve();
    });
  });
  req.on('error', () => { errors++; resolve(); });
  req.end();
});

const started = performance.now();
const until = started + seconds * 1000;
await Promise.all(Array.from({ length: connections }, async () => {
  while (performance.now() < until) await once();
}));
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
latencies.sort((a, b) => a - b);
const r = (n: number) => Math.round(n * 10) / 10;
console.log(JSON.stringify({
  requests: latencies.length, errors, non2xx, requestsPerSecond: r(latencies.length / elapsed),
  p50: r(percentile(latencies, 50)), p95: r(percentile(latencies, 95)), p99: r(percentile(latencies, 99)), max: r(latencies.at(-1) ?? NaN),
}));
