// Contribution badges: the definitions file, and grants from seeded history through the outbox as
// the worker applies it — exactly the right badges, once, kept when a fact is withdrawn.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createUser, uniq } from '../../support/factories.js';
import { ACTIVITY_KINDS, activityFact, publishActivity, type ActivityEvent, type ActivityKind } from '../../../src/shared/activity.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { BADGES_FILE, badgeDefinitions, parseBadges, type BadgeDefinition } from '../../../src/modules/recognition/badges.definitions.js';
import { backfillBadges, checkBadges, checkRankBadges } from '../../../src/modules/recognition/badges.service.js';
import { YamlFileError } from '../../../src/shared/yaml-file.js';
import { hasKey } from '../../../src/shared/i18n.js';
import { criteriaText } from '../../../src/modules/recognition/badges.views.js';

// A database of its own: the member-rank test grants to every earlier member, and other files add back-dated members.

const t = useTestApp(usePrivateDatabase());

const event = (o: Partial<ActivityEvent> & Pick<ActivityEvent, 'kind' | 'fact' | 'beneficiaryId'>): ActivityEvent => ({
  holds: true, actorId: null, item: { type: 'test', id: uniq(), title: 'Ein Beitrag', url: '/forum' }, competences: [], ...o,
});
async function publish(...events: ActivityEvent[]) {
  await inTransaction(t.ctx.ds, async (db) => { for (const e of events) await publishActivity(db, e); });
}
/** `n` facts of the kind for the member, each by another member on its own item. */
async function facts(kind: ActivityKind, userId: number, actorId: number | null, n: number, item?: (i: number) => ActivityEvent['item']) {
  const events = Array.from({ length: n }, (_, i) => {
    const id = uniq();
    return event({ kind, fact: activityFact(kind, id, actorId ?? 0), beneficiaryId: userId, actorId, item: item?.(i) ?? { type: 'test', id, title: `Beitrag ${i + 1}`, url: `/forum/threads/${i + 1}` } });
  });
  await publish(...events);
  return events;
}
/** The member's grants (pioneer aside: whether a test member is among the first 50 depends on the other files). */
async function grants(userId: number) {
  const found: { key: string; source: string; revoked: boolean }[] = await t.ctx.ds.query(
    `SELECT class_key AS key, source_key AS source, revoked_at IS NOT NULL AS revoked FROM recognition_assertions
      WHERE user_id = $1 AND kind = 'badge' AND class_key <> 'pioneer' ORDER BY class_key, source_key`, [userId]);
  return found;
}
const keys = async (userId: number) => (await grants(userId)).map((g) => (g.source ? `${g.key}:${g.source}` : g.key));
const badgeNotes = async (userId: number) => Number((await t.ctx.ds.query(
  `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'recognition.badge' AND subject_id <> 'pioneer'`, [userId]))[0].n);

describe('badge definitions (content/badges.yml)', () => {
  it('when the shipped file is read, then it has at least 15 badges of every level, each named in German and English', () => {
    const defs = badgeDefinitions();
    expect(defs.length).toBeGreaterThanOrEqual(15);
    expect(new Set(defs.map((d) => d.level))).toEqual(new Set(['bronze', 'silver', 'gold']));
    expect(defs.filter((d) => d.criteria.type === 'manual').length).toBeGreaterThanOrEqual(2);
    for (const d of defs) expect(d.de.name && d.en.name && d.de.description && d.en.description).toBeTruthy();
    expect(parseBadges('x', readFileSync(BADGES_FILE, 'utf8'))).toEqual(defs);
  });

  it('when criteria are put in words, then every activity kind has a name in both languages', () => {
    for (const lang of ['de', 'en'] as const) for (const k of ACTIVITY_KINDS) expect([lang, k, hasKey(lang, `recognition.badges.kinds.${k.replaceAll('.', '_')}`)]).toEqual([lang, k, true]);
    const bridge = badgeDefinitions().find((d) => d.key === 'bridge-builder')!;
    expect(criteriaText(bridge, 'en')).toBe('3 × implemented by another administration for one and the same item. Granted again for each such item.');
    const first = badgeDefinitions().find((d) => d.key === 'first-answer')!;
    expect(criteriaText(first, 'de')).toBe('Mindestens 1 × Antwort als Lösung angenommen oder Antwort als hilfreich markiert.');
  });

  it('when the file has mistakes, then every one is reported with its line', () => {
    const text = [
      'badges:', //                                                          1
      '  - key: a', //                                                       2
      '    level: bronze', //                                                3
      '    repeatable: true', //                                             4
      '    criteria: { count: { kinds: [forum.answer_accepted], min: 1 } }', // 5
      '    de: { name: A, description: A }', //                              6
      '    en: { name: A, description: A }', //                              7
      '  - key: a', //                                                       8
      '    level: bronze', //                                                9
      '    criteria: { manual: true }', //                                  10
      '    de: { name: A, description: A }', //                             11
      '    en: { name: A, description: A }', //                             12
    ].join('\n');
    let error: unknown;
    try { parseBadges('content/badges.yml', text); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(YamlFileError);
    expect((error as YamlFileError).issues.map((i) => i.line)).toEqual([4, 8]);
    expect(() => parseBadges('f', text.replace('forum.answer_accepted', 'forum.nonsense').replace('  - key: a\n    level: bronze\n    criteria: { manual: true }', '  - key: b\n    level: bronze\n    criteria: { manual: true }')))
      .toThrow(/f:5: badges\[0\]\.criteria/);
    expect(() => parseBadges('f', text.replace('level: bronze', 'level: platinum'))).toThrow(/f:3: badges\[0\]\.level: one of bronze, silver, gold/);
  });
});

describe('badge grants', () => {
  it('when a member\'s first answer is accepted, then the worker grants "first answer" and "first accepted answer" once, with evidence and a salted hash, and notifies them', async () => {
    const author = await createUser(t.ctx.ds);
    const asker = await createUser(t.ctx.ds);
    const [e] = await facts('forum.answer_accepted', author.id, asker.id, 1);
    await t.drain();
    expect(await keys(author.id)).toEqual(['first-accepted-answer', 'first-answer']);
    const [row] = await t.ctx.ds.query(
      `SELECT evidence, identity_hash, salt, granted_by FROM recognition_assertions WHERE user_id = $1 AND class_key = 'first-answer'`, [author.id]);
    expect(row.evidence).toEqual([{ url: e!.item.url, title: e!.item.title }]);
    expect(row.identity_hash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(row.granted_by).toBeNull();
    expect(await badgeNotes(author.id)).toBe(2);
    // Checking again grants nothing new.
    expect(await inTransaction(t.ctx.ds, (db) => checkBadges(db, author.id))).toEqual([]);
    expect(await badgeNotes(author.id)).toBe(2);
  });

  it('when history piles up, then exactly the badges whose thresholds are met are granted', async () => {
    const m = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    await facts('forum.answer_accepted', m.id, other.id, 10);
    await facts('forum.reply_helpful', m.id, other.id, 24);
    await facts('usecase.published', m.id, null, 1);
    await facts('guide.chapter_published', m.id, other.id, 1);
    await facts('academy.certificate', m.id, null, 2);
    await facts('event.attended', m.id, other.id, 3);
    await t.drain();
    expect(await keys(m.id)).toEqual(['curator', 'first-accepted-answer', 'first-answer', 'helper', 'learner', 'practice-giver', 'regular']);
    // The 25th helpful vote and the third certificate: mentor and lifelong learner.
    await facts('forum.reply_helpful', m.id, other.id, 1);
    await facts('academy.certificate', m.id, null, 1);
    await t.drain();
    expect(await keys(m.id)).toEqual(['curator', 'first-accepted-answer', 'first-answer', 'helper', 'learner', 'lifelong-learner', 'mentor', 'practice-giver', 'regular']);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1 AND class_key = 'helper'`, [m.id]);
    expect(n).toBe(1);
    expect(await badgeNotes(m.id)).toBe(9);
  });

  it('when a use case is implemented by three other administrations, then "bridge builder" is granted for that use case, and again for the next one', async () => {
    const author = await createUser(t.ctx.ds);
    const adopters = await Promise.all([1, 2, 3].map(() => createUser(t.ctx.ds)));
    const implemented = (ucId: string, adopter: { id: number }) => event({
      kind: 'usecase.implemented', fact: activityFact('usecase.implemented', ucId, adopter.id), beneficiaryId: author.id, actorId: adopter.id,
      item: { type: 'use_case', id: ucId, title: `Fall ${ucId}`, url: `/use-cases/${ucId}` },
    });
    const a = uniq('uc');
    const b = uniq('uc');
    await publish(...adopters.map((x) => implemented(a, x)), implemented(b, adopters[0]!), implemented(b, adopters[1]!));
    await t.drain();
    expect(await keys(author.id)).toEqual([`bridge-builder:${a}`]);
    await publish(implemented(b, adopters[2]!));
    await t.drain();
    expect(await keys(author.id)).toEqual([`bridge-builder:${a}`, `bridge-builder:${b}`].sort());
    const [row] = await t.ctx.ds.query(`SELECT evidence FROM recognition_assertions WHERE user_id = $1 AND source_key = $2`, [author.id, b]);
    expect(row.evidence).toEqual([{ url: `/use-cases/${b}`, title: `Fall ${b}` }]);
  });

  it('when members act on their own contribution, or are not active, then it earns no badge', async () => {
    const self = await createUser(t.ctx.ds);
    const pending = await createUser(t.ctx.ds, { status: 'pending' });
    const other = await createUser(t.ctx.ds);
    await facts('forum.reply_helpful', self.id, self.id, 1);
    await facts('forum.answer_accepted', pending.id, other.id, 1);
    await t.drain();
    expect(await keys(self.id)).toEqual([]);
    expect(await inTransaction(t.ctx.ds, (db) => checkBadges(db, pending.id))).toEqual([]);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1`, [pending.id]);
    expect(n).toBe(0);
  });

  it('when the fact that earned a badge is withdrawn, then the badge stays (badges are not taken back automatically)', async () => {
    const author = await createUser(t.ctx.ds);
    const voter = await createUser(t.ctx.ds);
    const [e] = await facts('forum.reply_helpful', author.id, voter.id, 1);
    await t.drain();
    expect(await keys(author.id)).toEqual(['first-answer']);
    await publish({ ...e!, holds: false });
    await t.drain();
    expect(await grants(author.id)).toEqual([{ key: 'first-answer', source: '', revoked: false }]);
  });

  it('when a revoked badge is earned again, then the worker does not grant it again', async () => {
    const author = await createUser(t.ctx.ds);
    const asker = await createUser(t.ctx.ds);
    await facts('forum.answer_accepted', author.id, asker.id, 1);
    await t.drain();
    await t.ctx.ds.query(`UPDATE recognition_assertions SET revoked_at = now(), revocation_reason = 'Test' WHERE user_id = $1`, [author.id]);
    await facts('forum.answer_accepted', author.id, asker.id, 1);
    await t.drain();
    expect((await grants(author.id)).map((g) => g.revoked)).toEqual([true, true]);
  });

  it('when the member-rank criterion is checked, then members among the first N get it and later ones do not', async () => {
    const m = await createUser(t.ctx.ds);
    const [{ rank }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS rank FROM users o, users u WHERE u.id = $1 AND o.status = 'active' AND (o.created_at, o.id) <= (u.created_at, u.id)`, [m.id]);
    const pioneer = (max: number): BadgeDefinition => ({ ...badgeDefinitions().find((d) => d.key === 'pioneer')!, criteria: { type: 'member_rank', max } });
    await t.ctx.ds.query(`DELETE FROM recognition_assertions WHERE user_id = $1`, [m.id]);
    expect(await inTransaction(t.ctx.ds, (db) => checkBadges(db, m.id, [pioneer(rank - 1)]))).toEqual([]);
    expect(await inTransaction(t.ctx.ds, (db) => checkBadges(db, m.id, [pioneer(rank)]))).toHaveLength(1);
  });

  it('when the backfill runs, then it checks members whose facts hold without a check yet, once per database', async () => {
    const m = await createUser(t.ctx.ds);
    const fact = activityFact('guide.chapter_published', uniq());
    // A fact that holds without an outbox row: only the backfill finds it.
    await t.ctx.ds.query(
      `INSERT INTO recognition_facts (fact, kind, user_id, holds, version, item_type, item_id, title, url, began_at)
       VALUES ($1, 'guide.chapter_published', $2, true, 0, 'guide_chapter', '1', 'Kapitel', '/guides/a#k', now())`, [fact, m.id]);
    await t.ctx.ds.query(`DELETE FROM recognition_state WHERE key = 'badges-backfill'`);
    expect(await backfillBadges(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await keys(m.id)).toEqual(['curator']);
    expect(await backfillBadges(t.ctx)).toBe(0);
  });

  it('when housekeeping runs, then members among the first N without the member-rank badge get it, once', async () => {
    const m = await createUser(t.ctx.ds);
    const [{ rank }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS rank FROM users o, users u WHERE u.id = $1 AND o.status = 'active' AND (o.created_at, o.id) <= (u.created_at, u.id)`, [m.id]);
    const pioneer: BadgeDefinition = { ...badgeDefinitions().find((d) => d.key === 'pioneer')!, criteria: { type: 'member_rank', max: rank } };
    const held = async () => Number((await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1 AND class_key = 'pioneer'`, [m.id]))[0].n);
    await t.ctx.ds.query(`DELETE FROM recognition_assertions WHERE user_id = $1`, [m.id]);
    expect(await checkRankBadges(t.ctx, [pioneer])).toBeGreaterThanOrEqual(1);
    expect(await held()).toBe(1);
    await checkRankBadges(t.ctx, [pioneer]);
    expect(await held()).toBe(1);
  });
});
