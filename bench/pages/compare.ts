// `node dist/bench/pages/compare.js OTHER_DIST`: the server CPU per page of this build's app against
// another build's (OTHER_DIST: the dist folder of an earlier commit, e.g. a `git worktree` built with
// `tsc -p tsconfig.build.json`), both in one process on bench:pages's database (BENCH_DATABASE_URL,
// default the 100,000-thread set; run bench:pages once first), with the harness's production
// settings. Per page, blocks of BENCH_REQUESTS (500) sequential requests from one keep-alive client go
// to each build in turn, which one first alternating, BENCH_ROUNDS (6) times: the machine's drift
// in speed (a third between minutes on these shared machines) falls on both alike, where two
// bench:pages runs minutes apart cannot show a change smaller than that. Prints the process's CPU
// per request (the client's share is the same for both builds) as median (min–max) and new/old; the
// median of an even number of rounds is the mean of the two middle ones (harness.ts's spread()).
import http from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { showSpread, spread } from '../support/harness.js';
import { benchAppEnv } from '../support/server.js';
import { signIn } from '../support/session.js';

const otherDist = process.argv[2];
if (!otherDist || !existsSync(resolve(otherDist, 'src/app.js'))) {
  console.error('usage: node dist/bench/pages/compare.js OTHER_DIST   (OTHER_DIST/src/app.js must exist)');
  process.exit(2);
}
Object.assign(process.env, {
  ...benchAppEnv, LOAD_DEMO: 'false',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_pages_100000',
});
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const proxy = { 'x-forwarded-proto': 'https' };

interface Build { name: 'this' | 'other'; shutdown(): Promise<void>; server: http.Server; port: number; agent: http.Agent; cookie: string; query(sql: string): Promise<unknown[]> }

async function start(name: Build['name'], dist: string): Promise<Build> {
  const bootModule = await import(pathToFileURL(resolve(dist, 'src/boot.js')).href) as typeof import('../../src/boot.js');
  const appModule = await import(pathToFileURL(resolve(dist, 'src/app.js')).href) as typeof import('../../src/app.js');
  const booted = await bootModule.boot({ name: `compare-${name}`, poolMax: 4, migrate: false });
  const server = http.createServer(appModule.createApp(booted.ctx).app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const cookie = await signIn(`http://127.0.0.1:${port}`, proxy, 'dash1@bench.example');
  return { name, shutdown: () => booted.shutdown(), server, port, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), cookie, query: (sql) => booted.ctx.ds.query(sql) };
}

const get = (b: Build, path: string, member: boolean) => new Promise<void>((done, fail) => {
  http.get({ host: '127.0.0.1', port: b.port, path, agent: b.agent, headers: { ...proxy, ...(member ? { cookie: b.cookie } : {}) } }, (res) => {
    if (res.statusCode !== 200) fail(new Error(`${b.name} build, ${path}: ${res.statusCode}`));
    res.resume();
    res.on('end', done);
  }).on('error', fail);
});

const here = resolve(import.meta.dirname, '../..');
const builds = [await start('this', here), await start('other', resolve(otherDist))];
const [thread] = await builds[0]!.query(`SELECT id, slug FROM forum_threads ORDER BY id LIMIT 1`) as { id: number; slug: string }[];
const pages: [string, string, boolean][] = [
  ['a thread (visitor)', `/forum/threads/${thread!.id}-${thread!.slug}`, false],
  ['home page (visitor)', '/', false],
  ['start page (member)', '/', true],
  ['search (member)', `/search?q=${encodeURIComponent('Bürgerhaushalt Frage')}`, true],
  ['forum overview (member)', '/forum', true],
  ['guides (visitor)', '/guides', false],
];
console.log(`this build: ${here}; other: ${resolve(otherDist)}; ${ROUNDS} rounds × ${REQUESTS} requests per build and page`);
for (const [label, path, member] of pages) {
  for (const b of builds) for (let i = 0; i < 100; i++) await get(b, path, member);
  const cpu: Record<Build['name'], number[]> = { this: [], other: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const b of round % 2 ? [...builds].reverse() : builds) {
      const before = process.cpuUsage();
      for (let i = 0; i < REQUESTS; i++) await get(b, path, member);
      const used = process.cpuUsage(before);
      cpu[b.name].push((used.user + used.system) / 1000 / REQUESTS);
    }
  }
  const mine = spread(cpu.this), theirs = spread(cpu.other);
  console.log(`${label.padEnd(24)} CPU ms/request: this ${showSpread(mine, 3)}, other ${showSpread(theirs, 3)}, this/other ${(mine.median / theirs.median).toFixed(2)}`);
}
for (const b of builds) { b.server.close(); b.agent.destroy(); await b.shutdown(); }
