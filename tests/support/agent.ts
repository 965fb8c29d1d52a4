// A supertest agent that keeps cookies, plus helpers to fetch CSRF tokens, post forms and sign in.
import type { Express } from 'express';
import request from 'supertest';
import { totpCode, totpStep } from '../../src/shared/totp.js';
import type { TestUser } from './factories.js';

export type Agent = ReturnType<typeof request.agent>;

export function csrfIn(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

export class Browser {
  readonly agent: Agent;
  constructor(readonly app: Express) {
    this.agent = request.agent(app);
  }

  get(path: string) {
    return this.agent.get(path);
  }

  /** Loads `formPage` for a CSRF token, then posts `fields` to `path` as a form. */
  async post(path: string, fields: Record<string, string | string[]> = {}, formPage = '/barrierefreiheit') {
    const page = await this.agent.get(formPage);
    const token = csrfIn(page.text);
    return this.agent.post(path).type('form').send({ ...fields, _csrf: token });
  }

  async login(user: Pick<TestUser, 'email' | 'password'> & { totpSecret?: string }) {
    const res = await this.post('/login', { email: user.email, password: user.password }, '/login');
    if (user.totpSecret && res.headers.location?.startsWith('/login/two-factor')) {
      return this.post('/login/two-factor', { code: totpCode(user.totpSecret, totpStep()) }, '/login/two-factor');
    }
    return res;
  }
}

export async function signedIn(app: Express, user: TestUser & { totpSecret?: string }): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.login(user);
  if (res.status !== 303 || res.headers.location?.startsWith('/login')) {
    throw new Error(`sign-in failed for ${user.email}: ${res.status} ${res.headers.location ?? ''}`);
  }
  return b;
}
