// The leaderboards' opt-in (GDPR): nobody appears before agreeing; the question is asked once, on
// /recognition and /recognition/points; the answer can be changed at /recognition/settings; a hidden
// member is absent from the leaderboards and the facilitators' CSV. Other files add ledger rows
// beside these: assertions are about this file's own members.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadDemo } from '../../../src/boot.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, PASSWORD, type TestUser } from '../../support/factories.js';
import { award } from './leaderboards-support.js';

const t = useTestApp();

const choiceOf = async (userId: number) =>
  ((await t.ctx.ds.query(`SELECT leaderboard_visible AS v, answered_at IS NOT NULL AS answered FROM recognition_preferences WHERE user_id = $1`, [userId])) as { v: boolean | null; answered: boolean }[])[0] ?? null;

/** A member with 500 points this month: far above any member other tests show. */
async function busyMember(): Promise<TestUser> {
  const m = await createUser(t.ctx.ds);
  await award(t.ctx.ds, m.id, 'usecase.published', { times: 20 });
  return m;
}

async function csv(period: string) {
  const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
  return (await signedIn(t.app, facilitator)).get(`/recognition/leaderboard.csv?period=${period}`);
}

describe('leaderboards: opt-in', () => {
  it('when a member has not answered, then they are not shown anywhere and both pages ask them once; after "yes" they are shown and not asked again', async () => {
    const m = await busyMember();
    const b = await signedIn(t.app, m);
    const viewer = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await viewer.get('/recognition')).text).not.toContain(`/members/${m.handle}`);
    expect((await csv('month')).text).not.toContain(m.handle);

    for (const path of ['/recognition', '/recognition/points']) {
      const page = await b.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Möchten Sie in den Ranglisten erscheinen?');
      expect(page.text).toMatch(/<form method="post" action="\/recognition\/settings">/);
    }
    const res = await b.post('/recognition/settings', { leaderboardVisible: 'yes', from: 'points' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/recognition/points');
    expect(await choiceOf(m.id)).toEqual({ v: true, answered: true });

    for (const path of ['/recognition', '/recognition/points']) expect((await b.get(path)).text).not.toContain('Möchten Sie in den Ranglisten erscheinen?');
    const board = await viewer.get('/recognition');
    expect(board.text).toContain(`href="/members/${m.handle}"`);
    const file = await csv('month');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.text).toMatch(new RegExp(`,${m.handle},[^\\r]*,500\\r\\n`));
    expect((await csv('year')).text).toContain(m.handle);
  });

  it('when a member answers "no" to the question, then they stay hidden and are not asked again', async () => {
    const m = await busyMember();
    const b = await signedIn(t.app, m);
    const res = await b.post('/recognition/settings', { leaderboardVisible: 'no', from: 'leaderboard' });
    expect(res.headers.location).toBe('/recognition');
    expect(await choiceOf(m.id)).toEqual({ v: false, answered: true });
    const page = await b.get('/recognition');
    expect(page.text).not.toContain('Möchten Sie in den Ranglisten erscheinen?');
    expect(page.text).toContain('Sie erscheinen in keiner Rangliste.');
    expect(page.text).not.toContain(`href="/members/${m.handle}"`);
  });

  it('when a shown member opts out in the settings, then they disappear from the leaderboards and the CSV', async () => {
    const m = await busyMember();
    const b = await signedIn(t.app, m);
    await b.post('/recognition/settings', { leaderboardVisible: 'yes', from: 'settings' });
    expect((await csv('month')).text).toContain(m.handle);

    const settings = await b.get('/recognition/settings');
    expect(settings.status).toBe(200);
    expect(settings.text).toMatch(/value="yes" checked/);
    const res = await b.post('/recognition/settings', { leaderboardVisible: 'no', from: 'settings' }, '/recognition/settings');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/recognition/settings');
    expect(await choiceOf(m.id)).toEqual({ v: false, answered: true });
    expect((await csv('month')).text).not.toContain(m.handle);
    expect((await csv('year')).text).not.toContain(m.handle);
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get('/recognition')).text).not.toContain(`/members/${m.handle}`);
    expect((await b.get('/recognition/settings')).text).toMatch(/value="no" checked/);
  });

  it('when the answer is missing or wrong, then the form comes back with 422 and a message, and nothing is stored', async () => {
    const m = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, m);
    for (const fields of [{}, { leaderboardVisible: 'maybe' }] as Record<string, string>[]) {
      const res = await b.post('/recognition/settings', fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain('Bitte wählen Sie Ja oder Nein.');
      expect(res.text).toContain('id="field-leaderboardVisible-error"');
    }
    expect(await choiceOf(m.id)).toBeNull();
  });

  it('when a visitor posts the settings or opens them, then it is refused and nothing changes', async () => {
    const visitor = new Browser(t.app);
    const res = await visitor.post('/recognition/settings', { leaderboardVisible: 'yes' });
    expect(res.status).toBe(401);
    const page = await visitor.get('/recognition/settings');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    // Without a CSRF token a signed-in member's post changes nothing either.
    const m = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, m);
    const forged = await b.agent.post('/recognition/settings').type('form').send({ leaderboardVisible: 'yes' });
    expect(forged.status).toBe(403);
    expect(await choiceOf(m.id)).toBeNull();
  });

  it('when a shown member\'s name looks like a spreadsheet formula, then the CSV cell is quoted and starts with an apostrophe', async () => {
    const m = await createUser(t.ctx.ds, { name: '=HYPERLINK("https://example.org","x")' });
    await award(t.ctx.ds, m.id, 'usecase.published');
    await (await signedIn(t.app, m)).post('/recognition/settings', { leaderboardVisible: 'yes' });
    expect((await csv('year')).text).toContain(`"'=HYPERLINK(""https://example.org"",""x"")",${m.handle},`);
  });

  it('when someone who is not a facilitator asks for the CSV, then it is refused', async () => {
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get('/recognition/leaderboard.csv?period=year')).status).toBe(403);
    const visitor = await request(t.app).get('/recognition/leaderboard.csv');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
  });

  it('when a member exports their data, then their leaderboard choice is in it; deleting the account removes it', async () => {
    const m = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, m);
    await b.post('/recognition/settings', { leaderboardVisible: 'yes' });
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.recognition.preferences).toEqual([expect.objectContaining({ leaderboardVisible: true })]);
    expect((await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete')).status).toBe(200);
    await t.drain();
    expect(await choiceOf(m.id)).toBeNull();
  });

  it('when the demo is loaded twice, then the listed members have answered, the rest are still asked, and a member\'s own answer is kept', async () => {
    await loadDemo(t.ctx, ['administrations', 'accounts', 'recognition']);
    const byHandle = async (handle: string) => choiceOf(((await t.ctx.ds.query(`SELECT id FROM users WHERE handle = $1`, [handle])) as { id: number }[])[0]!.id);
    expect(await byHandle('jschmidt')).toEqual({ v: true, answered: true });
    expect(await byHandle('ezimmermann')).toEqual({ v: false, answered: true });
    expect(await byHandle('mmuster')).toBeNull();
    await t.ctx.ds.query(`UPDATE recognition_preferences SET leaderboard_visible = false WHERE user_id = (SELECT id FROM users WHERE handle = 'twagner')`);
    await loadDemo(t.ctx, ['administrations', 'accounts', 'recognition']);
    expect(await byHandle('twagner')).toEqual({ v: false, answered: true });
    expect(await byHandle('jschmidt')).toEqual({ v: true, answered: true });
  });
});
