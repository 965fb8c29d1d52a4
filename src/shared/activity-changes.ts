// Publishing activity by comparing what holds before and after a write: a module lists the facts
// that hold for the things a write touches (from its own tables), the write runs, and only the
// differences become events — a fact that stopped holding is withdrawn, a new one published, one
// whose beneficiary or actor changed is withdrawn and published anew. Nothing changed: no event.
import type { Queryable } from '../db/sql.js';
import { publishActivity, type ActivityEvent } from './activity.js';

const who = (e: ActivityEvent) => `${e.beneficiaryId}:${e.actorId ?? ''}`;

/** Publishes the difference between two lists of holding facts, in the caller's transaction. */
export async function publishActivityChanges(db: Queryable, before: ActivityEvent[], after: ActivityEvent[]): Promise<void> {
  const was = new Map(before.map((e) => [e.fact, e]));
  const is = new Map(after.map((e) => [e.fact, e]));
  for (const e of before) {
    const now = is.get(e.fact);
    if (!now || who(now) !== who(e)) await publishActivity(db, { ...e, holds: false, at: undefined });
  }
  for (const e of after) {
    const then = was.get(e.fact);
    if (!then || who(then) !== who(e)) await publishActivity(db, { ...e, holds: true, at: undefined });
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
