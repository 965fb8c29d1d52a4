// Content health of use cases: a published case past its review date (next_review_at) appears on
// /use-cases/review, and its owner (or, without one, its author) gets ONE reminder per due date
// (`use_cases.reminded_for` records the date reminded about), like guides. Publishing, editing the
// date and verifying schedule an outbox row for the day after the date; the handler, the review page
// and the boot run remindDueUseCases, which is idempotent (stale rows find nothing due).
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { addToOutbox } from '../../shared/outbox.js';
import { notify } from '../notifications/index.js';
import { returned } from '../../db/sql.js';

export const USECASE_REVIEW_DUE_TOPIC = 'usecases.review-due';

/** Schedules the reminder for the first day the case counts as due (the day after next_review_at). */
export async function scheduleUseCaseReviewReminder(db: EntityManager, useCaseId: number): Promise<void> {
  const [row] = await db.query(
    `SELECT greatest(0, ceil(extract(epoch FROM ((next_review_at + 1)::timestamptz - now()))))::int AS seconds
       FROM use_cases WHERE id = $1 AND published AND next_review_at IS NOT NULL`, [useCaseId]);
  if (row) await addToOutbox(db, USECASE_REVIEW_DUE_TOPIC, { useCaseId }, { key: `usecases.review-due:${useCaseId}`, delaySeconds: row.seconds });
}

/** Notifies the owner of every published case past its review date that was not reminded about that date. Returns how many. */
export async function remindDueUseCases(ctx: AppContext): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const due: { id: number; slug: string; title: string; language: string; ownerId: number | null }[] = await db.query(
      `UPDATE use_cases SET reminded_for = next_review_at
        WHERE published AND next_review_at < current_date AND reminded_for IS DISTINCT FROM next_review_at
        RETURNING id, slug, title, language, coalesce(owner_id, created_by_id) AS "ownerId"`).then((r) => returned(r));
    for (const uc of due) {
      if (uc.ownerId) await notify(db, { userId: uc.ownerId, kind: 'usecase.reviewDue', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}`, subjectType: 'use_case', subjectId: uc.id });
    }
    return due.length;
  });
}
