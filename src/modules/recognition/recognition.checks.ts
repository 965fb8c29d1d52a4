// The worker's check after a member's facts changed (outbox topic recognition.check): badges
// first, then micro-degrees, which may require a badge.
import { inTransaction } from '../../db/transaction.js';
import type { OutboxMessage } from '../../shared/outbox.js';
import type { AppContext } from '../module.js';
import { checkBadges } from './badges.service.js';
import { checkMicrodegrees } from './microdegrees.service.js';

/** Checks each member named in the batch once, in one transaction per member. */
export async function handleRecognitionChecks(ctx: AppContext, messages: OutboxMessage[]): Promise<void> {
  const members = new Set(messages.map((m) => Number((m.payload as { userId?: unknown }).userId)).filter((id) => Number.isInteger(id) && id > 0));
  for (const userId of members) {
    await inTransaction(ctx.ds, async (db) => {
      await checkBadges(db, userId);
      await checkMicrodegrees(db, userId);
    });
  }
}
