import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../src/db/transaction.js';
import { queueMail } from '../../src/modules/mail/index.js';
import { addToOutbox, backoffSeconds, claim, markDone, markFailed, MAX_ATTEMPTS, processOutbox, pruneOutbox, type OutboxHandlers } from '../../src/shared/outbox.js';
import { useTestApp } from '../support/app.js';
import { uniq } from '../support/factories.js';

interface OutboxRow {
  id: string;
  attempts: number;
  processed_at: Date | null;
  failed_at: Date | null;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  available_at: Date;
}

describe('outbox', () => {
  const t = useTestApp();
  const rowsOf = (topic: string): Promise<OutboxRow[]> =>
    t.ctx.ds.query(`SELECT id, attempts, processed_at, failed_at, locked_until, locked_by, last_error, available_at FROM outbox WHERE topic = $1 ORDER BY id`, [topic]);
  const add = async (topic: string, n: number) => {
    await inTransaction(t.ctx.ds, async (db) => {
      for (let i = 0; i < n; i++) await addToOutbox(db, topic, { i });
    });
  };

  it('when the transaction that wrote a row rolls back, then the row is gone with it', async () => {
    const topic = uniq('test.rollback.');
    await expect(inTransaction(t.ctx.ds, async (db) => {
      await addToOutbox(db, topic, { x: 1 });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await rowsOf(topic)).toEqual([]);
  });

  it('when a handler fails, then the row is not done, keeps the error and waits with a growing backoff before the next try', async () => {
    const topic = uniq('test.fail.');
    await add(topic, 1);
    let calls = 0;
    const failing: OutboxHandlers = { [topic]: { handle: async () => { calls++; throw new Error('SMTP is down'); } } };
    const errors: string[] = [];
    expect(await processOutbox(t.ctx.ds, failing, { workerId: 'w-fail', onError: (tp) => errors.push(tp) })).toBe(0);
    expect(calls).toBe(1); // not retried at once within the same run
    expect(errors).toEqual([topic]);
    let [row] = await rowsOf(topic);
    expect(row).toMatchObject({ attempts: 1, processed_at: null, failed_at: null, locked_until: null, last_error: 'Error: SMTP is down' });
    const wait1 = new Date(row!.available_at).getTime() - Date.now();
    expect(wait1).toBeGreaterThan(500);
    expect(wait1).toBeLessThanOrEqual(backoffSeconds(1) * 1000 + 500);

    // Not yet due: nothing happens.
    expect(await processOutbox(t.ctx.ds, failing, { workerId: 'w-fail' })).toBe(0);
    expect(calls).toBe(1);

    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1`, [topic]);
    await processOutbox(t.ctx.ds, failing, { workerId: 'w-fail' });
    [row] = await rowsOf(topic);
    expect(row!.attempts).toBe(2);
    expect(new Date(row!.available_at).getTime() - Date.now()).toBeGreaterThan(backoffSeconds(2) * 1000 - 1500);
    expect(backoffSeconds(2)).toBeGreaterThan(backoffSeconds(1));

    // A working handler later finishes it.
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1`, [topic]);
    const seen: unknown[] = [];
    expect(await processOutbox(t.ctx.ds, { [topic]: { handle: async (m) => { seen.push(...m.map((x) => x.payload)); } } }, { workerId: 'w-ok' })).toBe(1);
    expect(seen).toEqual([{ i: 0 }]);
    [row] = await rowsOf(topic);
    expect(row!.processed_at).not.toBeNull();
    expect(row!.last_error).toBeNull();
  });

  it('when a handler keeps failing, then after the last attempt the row is marked failed and left alone', async () => {
    const topic = uniq('test.dead.');
    await add(topic, 1);
    await t.ctx.ds.query(`UPDATE outbox SET attempts = $2 WHERE topic = $1`, [topic, MAX_ATTEMPTS - 1]);
    const failing: OutboxHandlers = { [topic]: { handle: async () => { throw new Error('still down'); } } };
    await processOutbox(t.ctx.ds, failing, { workerId: 'w-dead' });
    const [row] = await rowsOf(topic);
    expect(row!.attempts).toBe(MAX_ATTEMPTS);
    expect(row!.failed_at).not.toBeNull();
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1`, [topic]);
    expect(await claim(t.ctx.ds, topic, 10, 'w-dead')).toEqual([]);
    expect(backoffSeconds(30)).toBe(3600);
  });

  it('when two workers process many rows at once, then no row is taken twice and every row is done exactly once', async () => {
    const topic = uniq('test.race.');
    await add(topic, 300);
    const taken = new Map<string, string[]>([['w-a', []], ['w-b', []]]);
    const handlerFor = (worker: string): OutboxHandlers => ({
      [topic]: {
        batchSize: 7,
        handle: async (messages) => {
          taken.get(worker)!.push(...messages.map((m) => String(m.id)));
          await new Promise((r) => setTimeout(r, 2));
        },
      },
    });
    const [a, b] = await Promise.all([
      processOutbox(t.ctx.ds, handlerFor('w-a'), { workerId: 'w-a', maxBatches: 1000 }),
      processOutbox(t.ctx.ds, handlerFor('w-b'), { workerId: 'w-b', maxBatches: 1000 }),
    ]);
    const ids = (await rowsOf(topic)).map((r) => r.id);
    const byA = taken.get('w-a')!;
    const byB = taken.get('w-b')!;
    expect(a + b).toBe(300);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual([...ids].sort());
    const rows = await rowsOf(topic);
    expect(rows.every((r) => r.processed_at !== null && r.attempts === 1)).toBe(true);
    expect(rows.filter((r) => r.locked_by === 'w-a').map((r) => r.id).sort()).toEqual([...byA].sort());

    // Nothing is left to do, and a second run changes nothing.
    const again = await processOutbox(t.ctx.ds, handlerFor('w-a'), { workerId: 'w-a' });
    expect(again).toBe(0);
    expect(await rowsOf(topic)).toEqual(rows);
  });

  it('when a row is marked done, then marking it again (or by a worker whose lease was taken over) changes nothing', async () => {
    const topic = uniq('test.once.');
    await add(topic, 1);
    const [m] = await claim(t.ctx.ds, topic, 1, 'w-first');
    // The first worker's lease runs out; another takes the row over and finishes it.
    await t.ctx.ds.query(`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE topic = $1`, [topic]);
    const [again] = await claim(t.ctx.ds, topic, 1, 'w-second');
    expect(again!.id).toBe(m!.id);
    const held = (await rowsOf(topic))[0]!;
    await markDone(t.ctx.ds, [m!.id], 'w-first');
    await markFailed(t.ctx.ds, [m!], new Error('late failure of the first worker'), 'w-first');
    expect((await rowsOf(topic))[0]).toEqual(held);
    expect(held).toMatchObject({ locked_by: 'w-second', processed_at: null });
    await markDone(t.ctx.ds, [m!.id], 'w-second');
    const done = (await rowsOf(topic))[0]!;
    expect(done.processed_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    await markDone(t.ctx.ds, [m!.id], 'w-second');
    await markFailed(t.ctx.ds, [again!], new Error('too late'), 'w-second');
    expect((await rowsOf(topic))[0]).toEqual(done);
  });

  it('when the worker drains queued mail, then the mail rows are marked done', async () => {
    const to = `${uniq('mail')}@praxis.example`;
    await inTransaction(t.ctx.ds, (db) => queueMail(db, to, 'en', 'passwordChanged', { name: 'Kim' }));
    const [before] = await t.ctx.ds.query(`SELECT payload, processed_at FROM outbox WHERE payload->>'to' = $1`, [to]);
    expect(before.payload.subject).toBe('Your password has been changed');
    expect(before.payload.text).toContain('Hello Kim');
    expect(before.processed_at).toBeNull();
    await t.drain();
    const [after] = await t.ctx.ds.query(`SELECT processed_at, attempts FROM outbox WHERE payload->>'to' = $1`, [to]);
    expect(after.processed_at).not.toBeNull();
    expect(after.attempts).toBe(1);
  });

  it('when handled rows are older than the keep period, then pruning deletes them and leaves pending, recent and retrying rows', async () => {
    const topic = uniq('test.prune.');
    await add(topic, 6);
    const ids = (await rowsOf(topic)).map((r) => Number(r.id));
    const set = (id: number, sql: string) => t.ctx.ds.query(`UPDATE outbox SET ${sql} WHERE id = $1`, [id]);
    await set(ids[0]!, `processed_at = now() - interval '8 days'`); // sent long ago: pruned
    await set(ids[1]!, `processed_at = now() - interval '6 days'`); // sent recently: kept
    await set(ids[2]!, `failed_at = now() - interval '9 days', last_error = 'x'`); // given up long ago: pruned
    await set(ids[3]!, `created_at = now() - interval '30 days', attempts = 3, last_error = 'x'`); // still retrying: kept
    await set(ids[4]!, `created_at = now() - interval '30 days'`); // never handled: kept
    const deleted = await pruneOutbox(t.ctx.ds, 7);
    expect(deleted).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(topic)).map((r) => Number(r.id))).toEqual([ids[1], ids[3], ids[4], ids[5]]);
  });
});

