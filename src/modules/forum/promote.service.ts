// Promote to guide: a facilitator turns the accepted answer of a thread into a draft revision of a
// guide. The forum supplies what it owns (the thread's title and address, the answer's text); the
// guides module checks the guide and chapter and writes the draft — all in one transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { promoteInTransaction } from '../guides/index.js';
import { threadSourceUrl } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import type { PromoteFormInput } from './forum.schemas.js';
import { loadThread } from './forum.store.js';
import { promotableAnswer } from './replies.store.js';

/**
 * The answer goes into a chapter (appended) or a new one; the draft goes through four-eyes review
 * in the guides module, and the forum itself changes nothing.
 */
export async function promoteAnswer(ctx: AppContext, actor: Actor | undefined, threadId: number, input: PromoteFormInput): Promise<{ revisionId: number; guideSlug: string }> {
  if (!forumPolicy.canPromote(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'NONE', actor?.id ?? null);
    if (t.mergedIntoId || t.hiddenAt) throw notFound();
    if (!forumPolicy.canPromote(actor, t)) throw conflict('forum.promote.restricted');
    const answer = t.acceptedReplyId ? await promotableAnswer(db, t.acceptedReplyId) : null;
    if (!answer) throw conflict('forum.promote.noAcceptedAnswer');
    return promoteInTransaction(db, actor, {
      guideId: input.guideId,
      ...(input.chapterId ? { chapterId: input.chapterId } : { newChapterTitle: input.newChapterTitle }),
      sourceUrl: threadSourceUrl(t.id),
      sourceTitle: t.title,
      markdown: input.markdown,
    });
  });
}
