// Module routers are entered only by requests whose first path segment one of their routes has
// (src/web/segment-dispatch.ts). The answers must be those of the routers without it.
import { describe, expect, it } from '@jest/globals';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { bySegment, requestSegment, routerSegments } from '../../src/web/segment-dispatch.js';
import { useTestApp } from '../support/app.js';
import { routesOf } from '../support/routes.js';

const answer = (name: string) => (req: Request, res: Response) => void res.type('text').send(`${name} ${JSON.stringify(req.params)}`);
const sorted = (s: Set<string> | null) => (s ? [...s].sort() : null);

describe('routerSegments', () => {
  it('when a router has routes, prefixed middleware and routers inside it, then it lists their first segments, lower-cased', () => {
    const inner = Router();
    inner.get('/events/:id', answer('event'));
    const r = Router();
    r.get('/forum', answer('forum'));
    r.post('/Forum/c/:slug', answer('category'));
    r.use('/admin/x', (_req, _res, next) => next());
    r.get(['/a', '/b.csv'], answer('ab'));
    r.get('/', answer('root'));
    r.use(inner);
    expect(sorted(routerSegments(r))).toEqual(['', 'a', 'admin', 'b.csv', 'events', 'forum']);
  });

  it.each([
    ['a parameter as first segment', (r: Router) => r.get('/:slug', answer('x'))],
    ['a wildcard', (r: Router) => r.get('/*rest', answer('x'))],
    ['an optional group', (r: Router) => r.get('/{de/}forum', answer('x'))],
    ['a regular expression', (r: Router) => r.get(/^\/f/, answer('x'))],
    ['a middleware for every path', (r: Router) => r.use((_req: Request, _res: Response, next: NextFunction) => next())],
    ['a router inside with a parameter first', (r: Router) => r.use(Router().get('/:id', answer('x')))],
  ])('when a router has %s, then any request may reach it (null)', (_name, add) => {
    const r = Router();
    r.get('/forum', answer('forum'));
    add(r);
    expect(routerSegments(r)).toBeNull();
  });

  it('when a request path is split, then its first segment is taken as the router sees it (raw, lower-cased)', () => {
    expect(requestSegment('/')).toBe('');
    expect(requestSegment('/Forum/c/x')).toBe('forum');
    expect(requestSegment('/forum')).toBe('forum');
    expect(requestSegment('//forum')).toBe('');
    expect(requestSegment('/%66orum')).toBe('%66orum');
  });
});

describe('bySegment', () => {
  it('when a request\'s first segment is not the router\'s, then the router is not entered and the next one answers', async () => {
    let entered = 0;
    const r = Router();
    r.get('/forum/:id', answer('thread'));
    const counted = Object.assign((req: Request, res: Response, next: NextFunction) => { entered++; return r(req, res, next); }, { stack: r.stack }) as unknown as Router;
    const app = express();
    app.use(bySegment(counted));
    app.use(bySegment(Router().get('/:slug', answer('page'))));
    expect((await request(app).get('/impressum')).text).toBe('page {"slug":"impressum"}');
    expect(entered).toBe(0);
    expect((await request(app).get('/FORUM/7')).text).toBe('thread {"id":"7"}');
    expect(entered).toBe(1);
    // The wrapper shows the router's layers, for whatever reads the routes from Express.
    expect(bySegment(r).stack).toBe(r.stack);
  });

  // Route tables from a few segments (upper and lower case, parameters, nested routers, prefixed
  // middleware), requests from the same pieces: every answer, with the routers wrapped, is the one
  // without (status, body, Allow for OPTIONS).
  it('when random routers and requests are tried, then every answer is the same as without it', async () => {
    const seg = fc.constantFrom('forum', 'Forum', 'admin', 'a', 'b.csv', 'x', ':p', '');
    const route = fc.record({
      method: fc.constantFrom('get', 'post', 'use'),
      path: fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`.replace(/\/+$/, '') || '/'),
      nested: fc.boolean(),
    });
    const table = fc.array(fc.array(route, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    const req = fc.record({
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS'),
      path: fc.array(fc.constantFrom('forum', 'FORUM', 'Forum', 'admin', 'a', 'A', 'b.csv', 'x', 'y', '%66orum', ''), { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`),
    });
    const build = (routers: { method: string; path: string; nested: boolean }[][], wrap: boolean) => {
      const app = express();
      routers.forEach((routes, i) => {
        const r = Router();
        routes.forEach((rt, j) => {
          const target = rt.nested ? Router() : r;
          const name = `r${i}.${j}`;
          if (rt.path.split('/').some((s) => s.startsWith(':') && s.length === 1)) return; // ':' alone is no parameter
          if (rt.method === 'use') target.use(rt.path, (q: Request, s: Response, next: NextFunction) => (q.path.endsWith('/x') ? next() : void s.send(`${name} ${q.baseUrl}`)));
          else (target as unknown as Record<string, (p: string, h: unknown) => void>)[rt.method]!(rt.path, answer(name));
          if (rt.nested) r.use(target);
        });
        app.use(wrap ? bySegment(r) : r);
      });
      app.use((_q: Request, s: Response) => void s.status(404).send('none'));
      return app;
    };
    await fc.assert(fc.asyncProperty(table, fc.array(req, { minLength: 1, maxLength: 5 }), async (routers, reqs) => {
      const plain = build(routers, false);
      const wrapped = build(routers, true);
      for (const q of reqs) {
        const send = (app: express.Express) => (request(app) as unknown as Record<string, (p: string) => Promise<request.Response>>)[q.method.toLowerCase()]!(q.path);
        const [a, b] = [await send(plain), await send(wrapped)];
        expect({ status: b.status, text: b.text, allow: b.headers.allow }).toEqual({ status: a.status, text: a.text, allow: a.headers.allow });
      }
    }), { numRuns: 150 });
  });
});

describe('the app\'s module routers', () => {
  const t = useTestApp();

  it('when the app is built, then every module router lists its first segments (none is entered by every request)', () => {
    const open = t.ctx.modules.filter((m) => m.router).filter((m) => routerSegments(m.router!(t.ctx)) === null).map((m) => m.name);
    expect(open).toEqual([]);
  });

  it('when the routes are read from Express, then the module routers\' routes are all there, behind the wrappers', () => {
    const paths = routesOf(t.app).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /', 'GET /forum', 'GET /search', 'GET /dashboard', 'POST /login']));
    expect(paths.length).toBeGreaterThan(150);
  });

  it('when pages of routers early and late in the order are asked for, then each answers, in any letter case', async () => {
    expect((await request(t.app).get('/impressum')).status).toBe(200);
    expect((await request(t.app).get('/Impressum')).status).toBe(200);
    expect((await request(t.app).get('/search?q=x')).status).toBe(200);
    expect((await request(t.app).get('/administrations')).status).toBe(200);
    expect((await request(t.app).get('/no-such-page')).status).toBe(404);
  });
});
