// Promote to guide, shared by the event's accepted minutes and a working group's published
// publications: the text the facilitator keeps goes into a chapter of a published guide (appended,
// or a new chapter) as a draft revision for review (the guides module's mechanism, as for a forum
// answer); the chapter cites where it came from. Runs inside the caller's transaction, after the
// caller has checked that the actor may promote and the source is ready.
import type { Db } from '../../db/sql.js';
import { promoteInTransaction } from '../guides/index.js';
import type { Actor } from './events.policy.js';
import type { PromoteInput } from './promote.schemas.js';

export interface PromoteSource {
  /** The address the chapter cites (a site path). */
  url: string;
  title: string;
  /** The revision's message in the guide's review queue. */
  message: string;
}

export async function promoteIntoGuide(db: Db, actor: Actor | undefined, input: PromoteInput, source: PromoteSource): Promise<{ guideSlug: string; revisionId: number }> {
  return promoteInTransaction(db, actor, {
    guideId: input.guideId,
    ...(input.chapterId ? { chapterId: input.chapterId } : { newChapterTitle: input.newChapterTitle }),
    sourceUrl: source.url,
    sourceTitle: source.title,
    markdown: input.markdown,
    message: source.message,
  });
}
