// Accessibility feedback: stored, and every facilitator gets an e-mail (through the outbox).
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { queueMail } from '../mail/index.js';
import { Feedback } from './feedback.entity.js';
import type { FeedbackInput } from './pages.schemas.js';
import { activeFacilitators } from '../accounts/index.js';

export async function submitFeedback(ctx: AppContext, userId: number | null, input: FeedbackInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await db.insert(Feedback, { ...input, userId });
    for (const f of await activeFacilitators(db)) {
      await queueMail(db, f.email, f.language, 'feedback', {
        page: input.page || '—',
        message: input.message,
        from: input.name || input.email || '—',
        url: `${ctx.config.baseUrl}/admin/feedback`,
      });
    }
  });
}
