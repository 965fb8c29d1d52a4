import { describe, expect, it } from '@jest/globals';
import { Browser, csrfIn } from '../support/agent.js';
import { useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
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
