// The load generator of bench:dashboard, in its own process (run.ts starts it with `taskset -c 1`
// when available, so it does not take the server's CPU): for each URL of LOAD_PLAN (JSON: [{ url,
// warmup, times }]) first `warmup` unmeasured requests, then `times` measured ones, one after the
// other (LOAD_CONCURRENCY closed loops, default 1: strictly sequential). Every response must be 200
// and is read to its end; prints one JSON line: per URL the sorted latencies in ms, bytes, errors.
import http from 'node:http';

interface Step { url: string; warmup: number; times: number }
const plan: Step[] = JSON.parse(process.env.LOAD_PLAN!);
const cookie = process.env.LOAD_COOKIE ?? '';
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const once = (url: URL) => new Promise<{ ms: number; status: number; bytes: number }>((resolve) => {
  const t0 = performance.now();
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent, headers: { cookie, 'x-forwarded-proto': 'https' } }, (res) => {
    let bytes = 0;
    res.on('data', (d: Buffer) => { bytes += d.length; });
    res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes }));
  });
  req.on('error', () => resolve({ ms: performance.now() - t0, status: 0, bytes: 0 }));
  req.end();
});

const out: { url: string; latencies: number[]; bytes: number; errors: number; seconds: number }[] = [];
for (const step of plan) {
  const url = new URL(step.url);
  for (let i = 0; i < step.warmup; i++) await once(url);
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let left = step.times;
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, step.times) }, async () => {
    while (left > 0) {
      left--;
      const r = await once(url);
      if (r.status === 200) latencies.push(r.ms);
      else errors++;
      bytes = r.bytes;
    }
  }));
  out.push({ url: step.url, latencies: latencies.sort((a, b) => a - b), bytes, errors, seconds: (performance.now() - started) / 1000 });
}
agent.destroy();
console.log(JSON.stringify(out));
