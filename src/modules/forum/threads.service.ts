// Threads: starting and editing a question or discussion with its tags. Each write runs in one
// transaction: load (with a row lock where order matters) → authorise with forum.policy → write →
// notifications, audit and search-index rows in the same transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, invalid } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { publishResourceEvent } from '../../shared/resource-events.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import { mustSee, notifyReaders, render } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import type { EditThreadInput, ThreadInput } from './forum.schemas.js';
import { addThreadRevision, categoryFacts, loadThread, recordMentions } from './forum.store.js';
import { notifyNewPost } from './follows.service.js';
import { setFollowLevel } from './follows.store.js';
import { insertThread, setThreadTags, updateThreadText } from './threads.store.js';

export async function createThread(ctx: AppContext, actor: Actor, input: ThreadInput): Promise<{ id: number; slug: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const cat = await categoryFacts(db, input.categoryId, actor.id);
    // A category the author may not see (members only) is answered like one that does not exist.
    if (!cat || !forumPolicy.canSeeCategory(actor, cat)) throw invalid('validation.summary', { categoryId: 'forum.validation.category' });
    if (!forumPolicy.canStartThread(actor, cat)) throw invalid('validation.summary', { categoryId: 'forum.validation.categoryArchived' });
    const { html, mentioned } = await render(db, input.body);
    const slug = slugify(input.title);
    const t = await insertThread(db, { categoryId: cat.id, kind: input.kind, title: input.title, slug, authorId: actor.id, bodySource: input.body, bodyHtml: html });
    await addThreadRevision(db, t.id, actor.id, input.title, input.body);
    await setThreadTags(db, t.id, input.tags);
    await setFollowLevel(db, actor.id, 'thread', t.id, 'watching', true);
    const mentionedIds = await recordMentions(db, t.id, null, [...mentioned.values()]);
    await notifyNewPost(db, { actorId: actor.id, threadId: t.id, categoryId: cat.id, restricted: cat.restricted, title: input.title, language: t.language, url: threadUrl({ id: t.id, slug }), replyId: null, parentAuthorId: null, mentionedIds });
    await queueSearchIndex(db, 'thread', t.id);
    await publishResourceEvent(db, {
      type: 'thread.created', key: `thread.created:${t.id}`, visibility: cat.restricted ? 'restricted' : cat.isPublic ? 'public' : 'network',
      resource: { type: 'forum_thread', id: t.id, title: input.title, url: threadUrl({ id: t.id, slug }) },
    });
    return { id: t.id, slug };
  });
}

export async function updateThread(ctx: AppContext, actor: Actor, threadId: number, input: EditThreadInput): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'UPDATE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canEditThread(actor, t)) throw forbidden();
    const { html, mentioned } = await render(db, input.body);
    const slug = slugify(input.title);
    await updateThreadText(db, threadId, input.title, slug, input.body, html);
    await addThreadRevision(db, threadId, actor.id, input.title, input.body);
    await setThreadTags(db, threadId, input.tags);
    const newly = await recordMentions(db, threadId, null, [...mentioned.values()]);
    await notifyReaders(db, t, newly.map((userId) => (
      { userId, kind: 'forum.mention', title: input.title, language: t.language, url: threadUrl({ id: threadId, slug }), actorId: actor.id, subjectType: 'forum_thread', subjectId: threadId })));
    if (actor.id !== t.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.post.edit', subjectType: 'forum_thread', subjectId: threadId });
    }
    await queueSearchIndex(db, 'thread', threadId);
    return threadUrl({ id: threadId, slug });
  });
}
