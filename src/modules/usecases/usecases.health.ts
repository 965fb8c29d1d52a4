// Content health of use cases: a published case past its review date (next_review_at) appears on
// /use-cases/review, and its owner (or, without one, its author) gets ONE reminder per due date
// (`use_cases.reminded_for` records the date reminded about), like guides. Publishing, editing the
// date and verifying schedule an outbox row for the day after the date; the handler, the review page
// and the boot run remindDueUseCases, which is idempotent (stale rows find nothing due).
import type { Db } from '../../db/sql.js';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { addToOutbox } from '../../shared/outbox.js';
import { notify } from '../notifications/index.js';
import { markDueCasesReminded, secondsUntilDue } from './health.store.js';

export const USECASE_REVIEW_DUE_TOPIC = 'usecases.review-due';

/** Schedules the reminder for the first day the case counts as due (the day after next_review_at). */
export async function scheduleUseCaseReviewReminder(db: Db, useCaseId: number): Promise<void> {
  const seconds = await secondsUntilDue(db, useCaseId);
  if (seconds !== null) await addToOutbox(db, USECASE_REVIEW_DUE_TOPIC, { useCaseId }, { key: `usecases.review-due:${useCaseId}`, delaySeconds: seconds });
}

/** Notifies the owner of every published case past its review date that was not reminded about that date. Returns how many. */
export async function remindDueUseCases(ctx: AppContext): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const due = await markDueCasesReminded(db);
    for (const uc of due) {
      if (uc.ownerId) await notify(db, { userId: uc.ownerId, kind: 'usecase.reviewDue', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}`, subjectType: 'use_case', subjectId: uc.id });
    }
    return due.length;
  });
}
