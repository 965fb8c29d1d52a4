// A real OpenID provider for the single sign-on tests: tests/fixtures/oidc/provider.mjs (the
// certified `oidc-provider` package) in its own process on a free port of 127.0.0.1, and a walk
// through its sign-in and consent pages as a browser would (its development interactions).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';

export const TEST_CLIENT = {
  client_id: 'praxis-test',
  client_secret: 'praxis-test-client-secret-0123456789',
  redirect_uris: ['http://praxis.test/login/sso/callback'],
  post_logout_redirect_uris: ['http://praxis.test/'],
};

export interface TestProvider {
  issuer: string;
  stop(): void;
}

/**
 * Starts a provider; `clockShiftSeconds` < 0 gives it a clock that runs behind (expired ID tokens);
 * `praxisUrl`: the Praxis it redirects back to (default http://praxis.test, the in-process app's).
 */
export async function startProvider(o: { clockShiftSeconds?: number; idTokenTtl?: number; praxisUrl?: string } = {}): Promise<TestProvider> {
  const client = o.praxisUrl
    ? { ...TEST_CLIENT, redirect_uris: [`${o.praxisUrl}/login/sso/callback`], post_logout_redirect_uris: [`${o.praxisUrl}/`] }
    : TEST_CLIENT;
  const child: ChildProcess = spawn(process.execPath, [path.resolve('tests/fixtures/oidc/provider.mjs')], {
    env: {
      ...process.env,
      OIDC_CLIENT: JSON.stringify(client),
      OIDC_CLOCK_SHIFT_SECONDS: String(o.clockShiftSeconds ?? 0),
      OIDC_ID_TOKEN_TTL: String(o.idTokenTtl ?? 600),
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the test provider stopped (${code})`)));
  });
  return { issuer: (JSON.parse(line) as { issuer: string }).issuer, stop: () => child.kill('SIGTERM') };
}

/** A loopback address where nothing listens (a provider that is down). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Follows the provider's pages from the authorization URL as the person `login` (any e-mail: the
 * provider's accounts are made up from it), signing in and consenting, until the provider sends the
 * browser back to Praxis. Returns that address (the callback with code, state and iss).
 */
export async function passProvider(authorizationUrl: string, login: string): Promise<URL> {
  const start = new URL(authorizationUrl);
  const idp = request.agent(start.origin);
  const local = (u: string) => (u.startsWith(start.origin) ? u.slice(start.origin.length) : u);
  let next = local(start.href);
  for (let step = 0; step < 12; step++) {
    if (next.startsWith('http://praxis.test')) return new URL(next);
    const res = await idp.get(next);
    if (res.status === 200) {
      const action = /<form[^>]*action="([^"]+)"/.exec(res.text)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(res.text)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page: ${res.text.slice(0, 300)}`);
      const sent = await idp.post(local(action)).type('form').send(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt });
      next = local(sent.headers.location ?? '');
    } else if (res.status === 302 || res.status === 303) {
      next = local(res.headers.location ?? '');
    } else {
      throw new Error(`provider answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
  }
  throw new Error('the provider never sent the browser back');
}
