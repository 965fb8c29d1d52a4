// Seeding for the leaderboards tests: points through the ledger's own applyActivity (with the
// time they were earned), and a member's opt-in as the settings form records it.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../../src/db/transaction.js';
import { activityFact, type ActivityEvent, type ActivityKind } from '../../../src/shared/activity.js';
import { applyActivity } from '../../../src/modules/recognition/ledger.service.js';
import { saveLeaderboardChoice } from '../../../src/modules/recognition/leaderboards.store.js';
import { uniq } from '../../support/factories.js';

/** Points per award of the kinds used here (content/recognition.yml). */
export const POINTS = { 'usecase.published': 25, 'forum.answer_accepted': 15, 'usecase.implemented': 20 } as const;

/** `times` awards of `kind` to the member at `at` (default: now), each its own fact. */
export async function award(ds: DataSource, userId: number, kind: ActivityKind, o: { at?: Date; times?: number; actorId?: number | null; itemId?: string } = {}): Promise<void> {
  for (let i = 0; i < (o.times ?? 1); i++) {
    const itemId = o.itemId ?? uniq();
    const e: ActivityEvent = {
      kind, fact: activityFact(kind, itemId, userId, uniq()), holds: true, beneficiaryId: userId, actorId: o.actorId ?? null,
      item: { type: kind.startsWith('usecase') ? 'use_case' : 'forum_reply', id: itemId, title: `Beitrag ${itemId}`, url: '/use-cases' },
      competences: [], at: (o.at ?? new Date()).toISOString(),
    };
    await inTransaction(ds, (db) => applyActivity(db, e, 1));
  }
}

export async function choose(ds: DataSource, userId: number, visible: boolean): Promise<void> {
  await inTransaction(ds, (db) => saveLeaderboardChoice(db, userId, visible));
}
