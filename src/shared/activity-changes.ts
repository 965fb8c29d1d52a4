// Publishing activity by comparing what holds before and after a write: a module lists the facts
// that hold for the things a write touches (from its own tables), the write runs, and only the
// differences become events — a fact that stopped holding is withdrawn, a new one published, one
// whose actor changed (a case verified again by someone else) published again, which updates it
// without new points. Nothing changed: no event.
import type { Queryable } from '../db/sql.js';
import { publishActivity, type ActivityEvent } from './activity.js';

// Facts are named by what identifies them, which includes their beneficiary; the actor may change.
const actor = (e: ActivityEvent) => e.actorId ?? null;

/** Publishes the difference between two lists of holding facts, in the caller's transaction. */
export async function publishActivityChanges(db: Queryable, before: ActivityEvent[], after: ActivityEvent[]): Promise<void> {
  const was = new Map(before.map((e) => [e.fact, e]));
  const is = new Map(after.map((e) => [e.fact, e]));
  for (const e of before) {
    const now = is.get(e.fact);
    if (!now || now.beneficiaryId !== e.beneficiaryId) await publishActivity(db, { ...e, holds: false, at: undefined });
  }
  for (const e of after) {
    const then = was.get(e.fact);
    if (!then || then.beneficiaryId !== e.beneficiaryId || actor(then) !== actor(e)) await publishActivity(db, { ...e, holds: true, at: undefined });
  }
}

/**
 * Lists the holding facts now (`load`, before the write) and returns the function to call after the
 * write, which lists them again and publishes the difference.
 */
export async function trackActivity(db: Queryable, load: () => Promise<ActivityEvent[]>): Promise<() => Promise<void>> {
  const before = await load();
  return async () => publishActivityChanges(db, before, await load());
}
