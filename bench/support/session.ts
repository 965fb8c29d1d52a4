// Signing a benchmark member in over HTTP (the real login form with its CSRF token), for the load
// generators: returns the Cookie header of the signed-in session.
import { BENCH_PASSWORD } from '../forum/seed.js';

function cookieFrom(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function signIn(base: string, headers: Record<string, string>, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/login`, { headers });
  cookieFrom(form, jar);
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token on /login');
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, _csrf: token }).toString(),
  });
  cookieFrom(res, jar);
  if (res.status !== 303 || res.headers.get('location')?.startsWith('/login')) throw new Error(`sign-in failed: ${res.status}`);
  return cookieHeader(jar);
}
