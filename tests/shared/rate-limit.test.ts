import { describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { Browser, csrfIn, signedIn } from '../support/agent.js';
import { createApp } from '../../src/app.js';
import { testConfig, useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { throttleKeys } from '../../src/modules/accounts/throttle.js';

describe('rate limits', () => {
  const t = useTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });

  it('when one address posts the sign-in form too often, then a clear 429 page answers, nothing is checked and pages still load', async () => {
    const user = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    for (let i = 0; i < 3; i++) {
      expect((await b.post('/login', { email: user.email, password: 'wrong password here' }, '/login')).status).toBe(422);
    }
    const [before] = await t.ctx.ds.query(`SELECT failures FROM sign_in_throttle WHERE key = $1`, [throttleKeys(t.ctx.config.sessionSecret).account(user.email)]);
    const res = await b.post('/login', { email: user.email, password: user.password }, '/login');
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.text).toContain('<h1 class="kern-heading-large">Zu viele Anfragen</h1>');
    expect(res.text).toContain('<p class="kern-body" role="alert">Zu viele Anfragen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.</p>');
    expect(res.text).toContain('<title>Zu viele Anfragen · Praxis</title>');
    expect(res.text).toContain('class="site-header"');
    expect(res.text).not.toContain('unhandled');
    expect((await t.ctx.ds.query(`SELECT failures FROM sign_in_throttle WHERE key = $1`, [throttleKeys(t.ctx.config.sessionSecret).account(user.email)]))[0]).toEqual(before);
    expect((await b.get('/me')).status).toBe(303); // not signed in
    expect((await b.get('/login')).status).toBe(200); // reading is not limited

    const token = csrfIn((await b.get('/password/forgot')).text);
    const en = await b.agent.post('/password/forgot').type('form').set('Accept-Language', 'en').send({ email: user.email, _csrf: token });
    expect(en.status).toBe(429);
    expect(en.text).toContain('Too many requests. Please wait a minute and try again.');
  });

});

describe('rate limits for scripts', () => {
  // An app of its own: the limiter counts per app and address.
  const t = useTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });

  it('when a script asks for JSON, then the refusal is JSON too', async () => {
    const b = new Browser(t.app);
    const token = csrfIn((await b.get('/register')).text);
    const statuses: number[] = [];
    let res;
    for (let i = 0; i < 4; i++) {
      res = await b.agent.post('/register').set('Accept', 'application/json').set('x-csrf-token', token).type('form').send({});
      statuses.push(res.status);
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
    expect(res!.body).toMatchObject({ error: 'too_many' });
  });
});

/** Every route of the app that changes state (any method but GET/HEAD/OPTIONS), as written. */
function stateChangingRoutes(app: Express): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean };
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (!['get', 'head', 'options', '_all'].includes(method)) found.push({ method, path: layer.route.path });
        }
      } else if (layer.handle?.stack) {
        // Module routers are mounted at the root; one mounted under a path needs its prefix here.
        if (!layer.slash) throw new Error('a router mounted under a path: add its prefix to this walk');
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** A route's path with its parameters filled in with ids and slugs that exist nowhere. */
const concrete = (p: string) => p.replace(/:\w+/g, '2147483646');

let lastAddress = 0;
const nextAddress = () => {
  lastAddress += 1;
  return `198.51.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
};

describe('rate limits for every state-changing route', () => {
  // A small limit per member or visitor; the per-address limit is checked on its own below.
  const LIMIT = 2;
  const t = useTestApp({ RATE_LIMIT_POST_PER_MINUTE: String(LIMIT), RATE_LIMIT_IP_POST_PER_MINUTE: '100000', TRUST_PROXY: 'true' });
  type Route = { method: string; path: string };
  type Agent = ReturnType<typeof request.agent>;

  const send = (agent: Agent, route: Route, address: string, token: string) =>
    (agent as unknown as Record<string, (url: string) => request.Test>)[route.method]!(concrete(route.path))
      .set('X-Forwarded-For', address).type('form').send({ _csrf: token });
  const tokenOf = async (agent: Agent, address: string) => csrfIn((await agent.get('/barrierefreiheit').set('X-Forwarded-For', address)).text);

  /** Uses up the limit on one route, then sends one request to every route: each must be refused, translated. */
  async function refusedEverywhere(agent: Agent, address: string, routes: Route[]): Promise<string[]> {
    const token = await tokenOf(agent, address);
    for (let i = 0; i < LIMIT; i++) expect((await send(agent, { method: 'post', path: '/notifications/read-all' }, address, token)).status).not.toBe(429);
    const problems: string[] = [];
    for (const route of routes) {
      const res = await send(agent, route, address, token);
      if (res.status !== 429) problems.push(`${route.method} ${route.path}: ${res.status}`);
      else if (!res.text.includes('Zu viele Anfragen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.')) problems.push(`${route.path}: untranslated`);
    }
    return problems;
  }

  it('when a member is over the limit, then every state-changing route answers 429 with the translated message', async () => {
    const routes = stateChangingRoutes(t.app);
    expect(routes.length).toBeGreaterThan(90);
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining([
      '/use-cases/:slug/attachments', '/use-cases/:slug/comments', '/use-cases', '/me/profile', '/forum/threads/:id/replies',
      '/academy/manage/quizzes/new', '/barrierefreiheit', '/login', '/logout',
    ]));
    const address = nextAddress();
    const user = await createUser(t.ctx.ds);
    const member = request.agent(t.app);
    const loginToken = await tokenOf(member, address);
    const login = await member.post('/login').set('X-Forwarded-For', address).type('form')
      .send({ email: user.email, password: user.password, _csrf: loginToken });
    expect(login.status).toBe(303);
    // The member's address is counted apart from the member (the sign-in used one of its requests).
    expect(await refusedEverywhere(member, address, routes)).toEqual([]);
    expect((await member.get('/me')).status).toBe(200); // still signed in: /logout was refused too
  });

  it('when a visitor is over the limit, then every state-changing route answers 429 with the translated message', async () => {
    expect(await refusedEverywhere(request.agent(t.app), nextAddress(), stateChangingRoutes(t.app))).toEqual([]);
  });

  it('when a visitor sends one request to each state-changing route, then each is counted: with the limit at their number, the next one is refused', async () => {
    const routes = stateChangingRoutes(t.app);
    const config = testConfig({ RATE_LIMIT_POST_PER_MINUTE: String(routes.length), RATE_LIMIT_IP_POST_PER_MINUTE: '100000', TRUST_PROXY: 'true' });
    const handle = createApp({ ...t.ctx, config });
    try {
      const agent = request.agent(handle.app);
      const address = nextAddress();
      const statuses: number[] = [];
      // A fresh token each time: a route may end the session (sign-out).
      for (const route of routes) statuses.push((await send(agent, route, address, await tokenOf(agent, address))).status);
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      expect((await send(agent, routes[0]!, address, await tokenOf(agent, address))).status).toBe(429);
    } finally {
      handle.close();
    }
  });

  it('when a visitor reading English is refused, then the message is English', async () => {
    const agent = request.agent(t.app);
    const address = nextAddress();
    const token = await tokenOf(agent, address);
    const route = { method: 'post', path: '/barrierefreiheit' };
    expect([(await send(agent, route, address, token)).status, (await send(agent, route, address, token)).status]).toEqual([422, 422]);
    const en = await agent.post('/barrierefreiheit').set('X-Forwarded-For', address).set('Accept-Language', 'en').type('form').send({ _csrf: token });
    expect(en.status).toBe(429);
    expect(en.text).toContain('Too many requests. Please wait a minute and try again.');
  });
});

describe('rate limits per address', () => {
  const t = useTestApp({ RATE_LIMIT_POST_PER_MINUTE: '3', RATE_LIMIT_IP_POST_PER_MINUTE: '7', TRUST_PROXY: 'true' });

  it('when members behind one address together exceed the address limit, then the next request is refused; members elsewhere are not', async () => {
    const office = nextAddress();
    const signIn = async (address: string) => {
      const user = await createUser(t.ctx.ds);
      const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
      const agent = request.agent(t.app);
      const token = csrfIn((await agent.get('/login').set('X-Forwarded-For', address)).text);
      await agent.post('/login').set('X-Forwarded-For', address).type('form').send({ email: user.email, password: user.password, _csrf: token });
      const follow = async () => {
        const t2 = csrfIn((await agent.get(`/use-cases/${uc.slug}`).set('X-Forwarded-For', address)).text);
        return (await agent.post(`/use-cases/${uc.slug}/follow`).set('X-Forwarded-For', address).type('form').send({ _csrf: t2 })).status;
      };
      return { follow, user, uc };
    };
    const a = await signIn(office); // the office address has counted 1 (a sign-in is a visitor's request)
    const b = await signIn(office); // 2
    expect([await a.follow(), await a.follow(), await a.follow()]).toEqual([303, 303, 303]); // 5; a is at its own limit
    expect([await b.follow(), await b.follow()]).toEqual([303, 303]); // 7
    const c = await signIn(nextAddress());
    expect(await c.follow()).toBe(303);
    const following = () => t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_case_follows WHERE user_id = $1`, [b.user.id]);
    expect(await following()).toEqual([{ n: 1 }]);
    expect(await b.follow()).toBe(429); // b's 3rd (within b's limit), the office's 8th
    expect(await following()).toEqual([{ n: 1 }]);
    expect(await c.follow()).toBe(303);
  });
});

describe('rate limits with the defaults of npm start', () => {
  const t = useTestApp({ RATE_LIMIT_POST_PER_MINUTE: '', RATE_LIMIT_IP_POST_PER_MINUTE: '' });

  it('when a member sends 31 state-changing requests in a minute, then the first 30 pass and the 31st is refused, nothing changed by it', async () => {
    expect([t.ctx.config.RATE_LIMIT_POST_PER_MINUTE, t.ctx.config.rateLimitIpPostPerMinute]).toEqual([30, 300]);
    const user = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const b = await signedIn(t.app, user);
    const token = csrfIn((await b.get(`/use-cases/${uc.slug}`)).text);
    const statuses: number[] = [];
    for (let i = 0; i < 29; i++) {
      statuses.push((await b.agent.post(`/use-cases/${uc.slug}/${i % 2 ? 'unfollow' : 'follow'}`).type('form').send({ _csrf: token })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([303])); // the sign-in counted for the address, not the member
    const follows = () => t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_case_follows WHERE use_case_id = $1 AND user_id = $2`, [uc.id, user.id]);
    expect(await follows()).toEqual([{ n: 1 }]);
    expect((await b.agent.post(`/use-cases/${uc.slug}/unfollow`).type('form').send({ _csrf: token })).status).toBe(303); // 30th
    const refused = await b.agent.post(`/use-cases/${uc.slug}/follow`).type('form').send({ _csrf: token }); // 31st
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Zu viele Anfragen');
    expect(await follows()).toEqual([{ n: 0 }]);
  });
});
