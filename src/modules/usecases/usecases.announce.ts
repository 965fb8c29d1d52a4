// "A new use case like mine": publishing a case queues an outbox job (same transaction); its
// handler tells members following the case's topics or methods ('usecase.followedTopic') and
// members of similar administrations ('usecase.likeMine'), each member once, at most
// LIKE_MINE_MAX_RECIPIENTS per case (default 500; announce.store.ts). By default these go to the digest.
import type { Db } from '../../db/sql.js';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { addToOutbox, type OutboxHandler } from '../../shared/outbox.js';
import { notify } from '../notifications/index.js';
import { announceRecipients, publishedCaseToAnnounce } from './announce.store.js';

export const USECASE_ANNOUNCE_TOPIC = 'usecases.announce';

export async function queueUseCaseAnnouncement(db: Db, useCaseId: number): Promise<void> {
  await addToOutbox(db, USECASE_ANNOUNCE_TOPIC, { useCaseId }, { key: `usecases.announce:${useCaseId}` });
}

/** Notifies the members who should hear of the case (none when it is no longer published). Returns how many. */
export async function announceUseCase(ctx: AppContext, useCaseId: number): Promise<number> {
  if (ctx.config.LIKE_MINE_MAX_RECIPIENTS === 0) return 0;
  return inTransaction(ctx.ds, async (db) => {
    const uc = await publishedCaseToAnnounce(db, useCaseId);
    if (!uc) return 0;
    const recipients = await announceRecipients(db, useCaseId, ctx.config.LIKE_MINE_MAX_RECIPIENTS);
    for (const r of recipients) {
      await notify(db, {
        userId: r.userId, kind: r.kind, title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}`,
        subjectType: 'use_case', subjectId: uc.id, vars: { administration: uc.administrationName },
      });
    }
    return recipients.length;
  });
}

export function announceHandler(ctx: AppContext): OutboxHandler {
  return {
    batchSize: 5,
    async handle(messages) {
      for (const m of messages) await announceUseCase(ctx, (m.payload as { useCaseId: number }).useCaseId);
    },
  };
}
