// Applies activity events to the facts and the points ledger. Each fact is locked while its
// event is applied and remembers the outbox row that set it last: a replayed or older event
// changes nothing, so delivery twice, or out of order by two workers, gives one award.
import type { DataSource } from 'typeorm';
import { inTransaction, type Db } from '../../db/transaction.js';
import type { ActivityEvent } from '../../shared/activity.js';
import { addToOutbox, type OutboxMessage } from '../../shared/outbox.js';
import type { AppContext } from '../module.js';
import { rules } from './recognition.rules.js';
import { RECOGNITION_CHECK_TOPIC } from './recognition.topics.js';
import * as store from './ledger.store.js';

/** Applies one event as outbox row `version` (0: from the backfill, applied only to new facts). */
export async function applyActivity(db: Db, e: ActivityEvent, version: number): Promise<void> {
  const fact = await store.lockFact(db, e);
  if (!fact || version <= fact.version) return;
  const began = e.holds && !fact.holds;
  await store.updateFact(db, e, version, began);
  if (e.holds === fact.holds) return;
  if (e.holds) {
    // Acting on one's own contribution earns nothing; neither does an account that is not active.
    if (e.actorId !== null && e.actorId === e.beneficiaryId) return;
    if (!(await store.mayEarn(db, e.beneficiaryId))) return;
    const at = e.at ?? new Date().toISOString();
    for (const reason of rules().byKind.get(e.kind) ?? []) {
      let points = reason.points;
      if (reason.dailyCap !== null) points = Math.max(0, Math.min(points, reason.dailyCap - (await store.awardedOnDay(db, e.beneficiaryId, reason.key, at))));
      await store.insertAward(db, { userId: e.beneficiaryId, reason: reason.key, points, fact: e.fact, capped: points < reason.points, at });
    }
  } else {
    await store.reverseAwards(db, e.fact);
  }
  await addToOutbox(db, RECOGNITION_CHECK_TOPIC, { userId: e.beneficiaryId }, { key: `recognition.check:${e.beneficiaryId}` });
}

/** The outbox handler: each event in its own transaction, in outbox order. */
export async function handleActivity(ctx: AppContext, messages: OutboxMessage[]): Promise<void> {
  for (const m of messages) {
    await inTransaction(ctx.ds, async (db) => {
      await applyActivity(db, m.payload as ActivityEvent, m.id);
      await store.scrubActivityRow(db, m.id);
    });
  }
}

/**
 * Fills the ledger from what already holds in the other modules (their activityHistory hooks),
 * once per database: the first worker to run it claims it. Returns the number of facts replayed.
 */
export async function backfillLedger(ctx: AppContext): Promise<number> {
  const claimed = await inTransaction(ctx.ds, (db) => store.claimState(db, 'ledger-backfill', new Date().toISOString()));
  if (!claimed) return 0;
  try {
    return await replayHistory(ctx.ds, ctx);
  } catch (err) {
    // Not done: the next housekeeping run tries again (replaying what was applied changes nothing).
    await inTransaction(ctx.ds, (db) => store.releaseState(db, 'ledger-backfill'));
    throw err;
  }
}

/**
 * Replays every module's current facts (new facts only; known ones keep their state), or only those
 * of some members (tests). Returns the facts applied.
 */
export async function replayHistory(ds: DataSource, ctx: Pick<AppContext, 'modules'>, only?: { beneficiaries: number[] }): Promise<number> {
  const wanted = only && new Set(only.beneficiaries);
  let n = 0;
  for (const mod of ctx.modules) {
    if (!mod.activityHistory) continue;
    const events = (await mod.activityHistory(ds)).filter((e) => !wanted || wanted.has(e.beneficiaryId));
    // Known facts keep their state: only the new ones are applied, each in its own transaction.
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500);
      const known = await store.knownFacts(ds, chunk.map((e) => e.fact));
      for (const e of chunk.filter((x) => !known.has(x.fact))) {
        await inTransaction(ds, (db) => applyActivity(db, e, 0));
        n++;
      }
    }
  }
  return n;
}
