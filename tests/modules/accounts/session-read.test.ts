import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../../src/db/transaction.js';
import { notify } from '../../../src/modules/notifications/index.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';

// Every statement the app sends, at pg's Client#query (TypeORM, the pool and the named statements all
// go through it); the database answering is the real one.
const pg = createRequire(import.meta.url)('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
async function sent(work: () => Promise<unknown>): Promise<string[]> {
  const original = pg.Client.prototype.query;
  const seen: string[] = [];
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    seen.push(typeof q === 'string' ? q : q?.text ?? '');
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

const MEMBER_READ = /FROM users u LEFT JOIN administrations a ON a\.id = u\.administration_id\s+WHERE u\.id = \$1/;
const UNREAD_READ = /FROM notifications WHERE user_id = \$1 AND read_at IS NULL/;

describe('the session, its member and the bell in one statement', () => {
  const t = useTestApp();

  it('when a signed-in member opens a page, then the session, the member and the unread count come from one statement and the bell is right', async () => {
    const user = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds);
    for (const title of ['Eins', 'Zwei', 'Drei']) {
      await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title, url: '/nirgends', actorId: actor.id }));
    }
    const b = await signedIn(t.app, user);
    await b.get('/forum'); // the sign-in's message is shown (and the session saved) once
    let page = '';
    const member = await sent(async () => { page = (await b.get('/forum')).text; });
    expect(page).toMatch(/class="site-bell__count" aria-hidden="true">3</);
    expect(page).toContain(user.name);
    const sessionReads = member.filter((s) => /FROM "session" s/.test(s));
    expect(sessionReads).toHaveLength(1);
    expect(member.filter((s) => MEMBER_READ.test(s) || UNREAD_READ.test(s))).toEqual([]);
    // None of the notifications links to /forum: nothing to mark read, so nothing is written.
    expect(member.filter((s) => /^\s*UPDATE notifications/.test(s))).toEqual([]);
    // A visitor's page runs the page's own statements; the member's adds only the session statement
    // (and, once a minute per session, the expiry's refresh).
    const visitor = await sent(() => new Browser(t.app).get('/forum'));
    expect(member.filter((s) => !/^UPDATE "session" SET expire/.test(s)).length).toBe(visitor.length + 1);
  });

  it('when the member is changed between two requests, then the next request sees the change (role, name, suspension)', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    expect((await b.get('/admin')).status).toBe(403);
    await t.ctx.ds.query(`UPDATE users SET role = 'facilitator', name = 'Neu Benannt' WHERE id = $1`, [user.id]);
    const admin = await b.get('/admin');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('Neu Benannt');
    await t.ctx.ds.query(`UPDATE users SET status = 'rejected' WHERE id = $1`, [user.id]);
    const after = await b.get('/me');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
  });

  it('when a notification is read elsewhere, then the next page shows the new count', async () => {
    const user = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title: 'Eins', url: '/nirgends' }));
    const b = await signedIn(t.app, user);
    expect((await b.get('/forum')).text).toMatch(/class="site-bell__count" aria-hidden="true">1</);
    await t.ctx.ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1`, [user.id]);
    expect((await b.get('/forum')).text).not.toMatch(/class="site-bell__count"/);
  });

  it('when a member has more unread notifications than the session statement lists, then opening the page of an older one still reads it', async () => {
    const user = await createUser(t.ctx.ds);
    const note = (url: string, title: string) => inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title, url }));
    await note('/forum?seite=2#oben', 'Die älteste');
    for (let i = 0; i < 25; i++) await note(`/nirgends/${i}`, `Neuer ${i}`);
    const b = await signedIn(t.app, user);
    await b.get('/forum');
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    expect(n).toBe(25);
    // With one unread, listed, notification the same holds.
    const other = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: other.id, kind: 'test.ping', title: 'Eins', url: '/forum' }));
    const c = await signedIn(t.app, other);
    expect((await c.get('/forum')).text).not.toMatch(/class="site-bell__count"/);
  });

  it('when a session names a member in a malformed way, then the request is a visitor\'s, not an error', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    expect((await b.get('/me')).status).toBe(200);
    await t.ctx.ds.query(
      `UPDATE "session" SET sess = jsonb_set(sess::jsonb, '{passport,user}', '"1; DROP TABLE users"')::json
        WHERE sess->'passport'->>'user' = $1`, [String(user.id)]);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM "session" WHERE sess->'passport'->>'user' = '1; DROP TABLE users'`);
    expect(n).toBe(1);
    const page = await b.get('/forum');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(user.name);
    expect((await b.get('/me')).status).toBe(303);
  });
});
