// Recognition and the member's privacy rights: the download holds the ledger, the grants and the
// Kompetenzpass settings; deleting the account removes the ledger and leaves the member's
// assertions as revoked tombstones (their hosted URLs answer 410 with revoked: true).
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { signedIn } from '../../support/agent.js';
import { createUser, PASSWORD, uniq } from '../../support/factories.js';
import { activityFact, publishActivity } from '../../../src/shared/activity.js';
import { inTransaction } from '../../../src/db/transaction.js';

// A database of its own: the test drains the outbox, which on the shared database holds every other
// file's jobs too (a CI run timed out in this test, draining the shared outbox under load).
const t = useTestApp(usePrivateDatabase());

async function memberWithPointsAndBadge() {
  const member = await createUser(t.ctx.ds);
  const asker = await createUser(t.ctx.ds);
  const title = `Antwort ${uniq()}`;
  await inTransaction(t.ctx.ds, (db) => publishActivity(db, {
    kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', uniq()), holds: true, beneficiaryId: member.id, actorId: asker.id,
    item: { type: 'forum_reply', id: 1, title, url: '/forum/threads/1#reply-1' }, competences: ['methods-formats'],
  }));
  await t.drain();
  const [grant] = await t.ctx.ds.query(`SELECT id FROM recognition_assertions WHERE user_id = $1 AND class_key = 'first-accepted-answer'`, [member.id]);
  return { member, title, grantId: grant.id as string };
}

describe('recognition: privacy', () => {
  it('when a member downloads their data, then it holds their ledger, facts, badges and Kompetenzpass settings', async () => {
    const { member, title, grantId } = await memberWithPointsAndBadge();
    const b = await signedIn(t.app, member);
    await b.post(`/members/${member.handle}/kompetenzpass/visibility`, { visibility: 'private' }, `/members/${member.handle}/kompetenzpass`);
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.recognition.ledger).toEqual([expect.objectContaining({ reason: 'answer-accepted', points: 15 })]);
    expect(data.recognition.facts).toEqual([expect.objectContaining({ kind: 'forum.answer_accepted', title, holds: true })]);
    expect(data.recognition.assertions).toEqual(expect.arrayContaining([expect.objectContaining({ id: grantId, kind: 'badge', classKey: 'first-accepted-answer' })]));
    expect(data.recognition.passSettings).toMatchObject({ visibility: 'private' });
  });

  it('when a member deletes their account, then the ledger and facts go and their badges answer 410 as revoked tombstones', async () => {
    const { member, grantId } = await memberWithPointsAndBadge();
    expect((await request(t.app).get(`/recognition/assertions/${grantId}`)).status).toBe(200);
    const b = await signedIn(t.app, member);
    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete');
    expect(res.status).toBe(200);
    await t.drain();
    expect(await t.ctx.ds.query(`SELECT 1 FROM recognition_ledger WHERE user_id = $1`, [member.id])).toEqual([]);
    expect(await t.ctx.ds.query(`SELECT 1 FROM recognition_facts WHERE user_id = $1`, [member.id])).toEqual([]);
    const gone = await request(t.app).get(`/recognition/assertions/${grantId}`);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text)).toMatchObject({ revoked: true });
    const [row] = await t.ctx.ds.query(`SELECT user_id, salt, evidence FROM recognition_assertions WHERE id = $1`, [grantId]);
    expect(row).toEqual({ user_id: null, salt: '', evidence: [] });
  });
});
