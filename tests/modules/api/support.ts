// Helpers of the API tests: a token of a member with the given scopes, and GET with it.
import request from 'supertest';
import type { TestApp } from '../../support/app.js';
import { createToken } from '../../../src/modules/tokens/tokens.service.js';
import type { Scope } from '../../../src/modules/tokens/index.js';
import { createUser, uniq } from '../../support/factories.js';

export async function tokenFor(t: TestApp, scopes: Scope[], userId?: number): Promise<string> {
  const id = userId ?? (await createUser(t.ctx.ds)).id;
  return (await createToken(t.ctx, id, { name: uniq('API '), scopes, expiry: '90' })).token;
}

export function apiGet(t: TestApp, path: string, token?: string) {
  const r = request(t.app).get(path.startsWith('/api/') ? path : `/api/v1${path}`);
  return token ? r.set('Authorization', `Bearer ${token}`) : r;
}

/** Every item of a list, following links.next (relative to the test app). */
export async function allPages(t: TestApp, path: string, token?: string): Promise<{ pages: number; items: Record<string, unknown>[] }> {
  let next: string | null = path;
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  while (next) {
    const res = await apiGet(t, next.replace('http://praxis.test', ''), token);
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${res.text}`);
    items.push(...res.body.data);
    next = res.body.links.next;
    pages++;
    if (pages > 50) throw new Error('too many pages');
  }
  return { pages, items };
}
