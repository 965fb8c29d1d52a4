// The points ledger: awards from activity events, idempotent replays, reversals, caps, self-acts
// and inactive members, through the outbox as the worker applies it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { activityFact, publishActivity, type ActivityEvent } from '../../../src/shared/activity.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyActivity } from '../../../src/modules/recognition/ledger.service.js';
import { parseRules } from '../../../src/modules/recognition/recognition.rules.js';
import { YamlFileError } from '../../../src/shared/yaml-file.js';
import { signedIn } from '../../support/agent.js';

const t = useTestApp();

const event = (o: Partial<ActivityEvent> & Pick<ActivityEvent, 'kind' | 'fact' | 'beneficiaryId'>): ActivityEvent => ({
  holds: true, actorId: null, item: { type: 'test', id: 1, title: 'Ein Beitrag', url: '/forum' }, competences: ['methods-formats'], ...o,
});

async function ledger(userId: number) {
  return t.ctx.ds.query(`SELECT reason, points, reverses_id IS NOT NULL AS reversal, capped FROM recognition_ledger WHERE user_id = $1 ORDER BY id`, [userId]);
}
const total = async (userId: number) => Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [userId]))[0].s);

async function publish(e: ActivityEvent) {
  await inTransaction(t.ctx.ds, (db) => publishActivity(db, e));
}

describe('points ledger', () => {
  it('when an answer is accepted, then its author gets the points once, even when the event is delivered twice', async () => {
    const author = await createUser(t.ctx.ds);
    const asker = await createUser(t.ctx.ds);
    const e = event({ kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', uniq()), beneficiaryId: author.id, actorId: asker.id });
    await publish(e);
    await t.drain();
    // The same outbox row again (a worker that died after applying it): nothing new.
    const [row] = await t.ctx.ds.query(`SELECT id FROM outbox WHERE topic = 'activity' AND payload ->> 'fact' = $1`, [e.fact]);
    await inTransaction(t.ctx.ds, (db) => applyActivity(db, e, Number(row.id)));
    expect(await ledger(author.id)).toEqual([{ reason: 'answer-accepted', points: 15, reversal: false, capped: false }]);
    expect(await total(author.id)).toBe(15);
  });

  it('when the fact is withdrawn, then a reversal is written and the total does not count it twice; a later re-award counts once', async () => {
    const author = await createUser(t.ctx.ds);
    const asker = await createUser(t.ctx.ds);
    const e = event({ kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', uniq()), beneficiaryId: author.id, actorId: asker.id });
    await publish(e);
    await publish({ ...e, holds: false });
    await publish({ ...e, holds: false });
    await t.drain();
    expect(await ledger(author.id)).toEqual([
      { reason: 'answer-accepted', points: 15, reversal: false, capped: false },
      { reason: 'answer-accepted', points: -15, reversal: true, capped: false },
    ]);
    await publish(e);
    await t.drain();
    expect(await total(author.id)).toBe(15);
  });

  it('when an older event arrives after a newer one, then it changes nothing', async () => {
    const author = await createUser(t.ctx.ds);
    const voter = await createUser(t.ctx.ds);
    const e = event({ kind: 'forum.reply_helpful', fact: activityFact('forum.reply_helpful', uniq(), voter.id), beneficiaryId: author.id, actorId: voter.id });
    await inTransaction(t.ctx.ds, (db) => applyActivity(db, { ...e, holds: false }, 1_000_000_001));
    await inTransaction(t.ctx.ds, (db) => applyActivity(db, e, 1_000_000_000));
    expect(await total(author.id)).toBe(0);
  });

  it('when members act on their own contribution, or the beneficiary is not active, then no points', async () => {
    const self = await createUser(t.ctx.ds);
    const pending = await createUser(t.ctx.ds, { status: 'pending' });
    const other = await createUser(t.ctx.ds);
    await publish(event({ kind: 'forum.reply_helpful', fact: activityFact('forum.reply_helpful', uniq(), self.id), beneficiaryId: self.id, actorId: self.id }));
    await publish(event({ kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', uniq()), beneficiaryId: pending.id, actorId: other.id }));
    await t.drain();
    expect(await ledger(self.id)).toEqual([]);
    expect(await ledger(pending.id)).toEqual([]);
  });

  it('when helpful votes pile up in one day, then the daily cap limits the points and marks the capped awards', async () => {
    const author = await createUser(t.ctx.ds);
    const reply = uniq();
    for (let i = 0; i < 12; i++) {
      const voter = await createUser(t.ctx.ds, { administrationId: author.administrationId });
      await publish(event({ kind: 'forum.reply_helpful', fact: activityFact('forum.reply_helpful', reply, voter.id), beneficiaryId: author.id, actorId: voter.id }));
    }
    await t.drain();
    const lines = await ledger(author.id);
    expect(lines).toHaveLength(12);
    expect(await total(author.id)).toBe(10);
    expect(lines.filter((l: { capped: boolean }) => l.capped)).toHaveLength(2);
  });

  it('when the ledger is changed in place, then the database refuses', async () => {
    const author = await createUser(t.ctx.ds);
    await publish(event({ kind: 'usecase.published', fact: activityFact('usecase.published', uniq(), author.id), beneficiaryId: author.id }));
    await t.drain();
    await expect(t.ctx.ds.query(`UPDATE recognition_ledger SET points = 1000 WHERE user_id = $1`, [author.id])).rejects.toThrow(/append-only/);
    expect(await total(author.id)).toBe(25);
  });

  it('when a member opens their points, then they see the total and each line with its item; others see the total on the profile only', async () => {
    const author = await createUser(t.ctx.ds);
    const asker = await createUser(t.ctx.ds);
    const title = `Antwort ${uniq()}`;
    await publish(event({ kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', uniq()), beneficiaryId: author.id, actorId: asker.id, item: { type: 'forum_reply', id: 1, title, url: '/forum/t/1#reply-1' } }));
    await t.drain();
    const b = await signedIn(t.app, author);
    const page = await b.get('/recognition/points');
    expect(page.status).toBe(200);
    expect(page.text).toContain('15 Punkte');
    expect(page.text).toContain(title);
    expect(page.text).toContain('Antwort als Lösung angenommen');
    const profile = await (await signedIn(t.app, asker)).get(`/members/${author.handle}`);
    expect(profile.text).toContain('15 Punkte');
    expect(profile.text).not.toContain('href="/recognition/points"');
  });
});

describe('rules file', () => {
  it('when the shipped rules are read, then every default reason is there', () => {
    // parseRules throws on a problem; the shipped file must pass.
    const r = parseRules('content/recognition.yml', readFileSync('content/recognition.yml', 'utf8'));
    expect(r.reasons.map((x) => x.key)).toEqual(expect.arrayContaining(['answer-accepted', 'reply-helpful', 'thread-answered', 'use-case-published', 'use-case-verified', 'use-case-implemented', 'guide-chapter-published', 'quiz-passed', 'course-certificate', 'event-attended', 'topic-on-agenda']));
  });

  it('when a rule is wrong, then every problem is reported with its line', () => {
    const text = [
      'reasons:',
      '  - key: a',
      '    points: 5',
      '    events: [forum.answer_accepted]',
      '    de: A',
      '    en: A',
      '  - key: a',
      '    points: -1',
      '    events: [forum.nonsense]',
      '    de: B',
      '    en: B',
    ].join('\n');
    let err: unknown;
    try { parseRules('rules.yml', text); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(YamlFileError);
    const issues = (err as YamlFileError).issues;
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 8, message: expect.stringContaining('reasons[1].points') }),
      expect.objectContaining({ line: 9, message: expect.stringContaining('reasons[1].events[0]') }),
    ]));
    expect(() => parseRules('rules.yml', text.replace('-1', '3').replace('forum.nonsense', 'forum.reply_helpful'))).toThrow(/rules.yml:7: reasons\[1\].key: "a" is used twice/);
  });
});
