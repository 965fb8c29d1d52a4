// Comments on use cases: Markdown, one level of replies, edit/delete own, flags for facilitators.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import type { Db } from '../../db/sql.js';
import { loadCase } from './case.queries.js';
import * as store from './comments.store.js';
import { notifyFollowers } from './usecases.service.js';
import { activeFacilitators } from '../accounts/index.js';

export async function addComment(ctx: AppContext, actor: UcActor | undefined, slug: string, body: string, parentId: number | null): Promise<number> {
  const html = renderMarkdown(body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canComment(actor, uc)) throw forbidden();
    let parentAuthor: number | null = null;
    if (parentId !== null) {
      const p = await store.parentComment(db, uc.id, parentId);
      if (!p) throw invalid('validation.summary', { body: 'usecases.comments.parentGone' });
      // Threads are one level deep: a reply to a reply joins the top-level comment's thread.
      parentId = p.parentId ?? p.id;
      parentAuthor = p.authorId;
    }
    const id = await store.insertComment(db, { useCaseId: uc.id, parentId, authorId: actor!.id, body, html });
    const url = `/use-cases/${uc.slug}#comment-${id}`;
    if (parentAuthor) await notify(db, { userId: parentAuthor, kind: 'usecase.reply', title: uc.title, language: uc.language, url, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
    await notifyFollowers(db, uc.id, actor!.id, 'usecase.comment', uc.title, url);
    return id;
  });
}

async function ownComment(db: Db, actor: UcActor | undefined, slug: string, id: number) {
  const uc = await loadCase(db, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  const c = await store.lockComment(db, uc.id, id);
  if (!c || c.deletedAt) throw notFound();
  return { uc, c };
}

export async function editComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number, body: string): Promise<string> {
  const html = renderMarkdown(body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canChangeComment(actor, c)) throw forbidden();
    await store.updateCommentBody(db, id, body, html);
    return uc.slug;
  });
}

/** Deleting keeps the row (replies stay in place) but removes the text. */
export async function deleteComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canChangeComment(actor, c)) throw forbidden();
    await store.softDeleteComment(db, id);
    return uc.slug;
  });
}

export async function flagComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number, reason: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canFlagComment(actor, c)) throw forbidden();
    if (!(await store.insertFlag(db, id, actor!.id, reason))) throw conflict('usecases.comments.alreadyFlagged');
    for (const { id: facilitatorId } of await activeFacilitators(db)) {
      await notify(db, { userId: facilitatorId, kind: 'usecase.flag', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}#comment-${id}`, actorId: actor!.id, subjectType: 'use_case_comment', subjectId: id });
    }
    return uc.slug;
  });
}

/** Facilitators hide (or show again) a comment, with a reason; open flags on it are resolved. */
export async function moderateComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number, hide: boolean, reason: string): Promise<string> {
  if (!policy.isFacilitator(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug);
    if (!uc) throw notFound();
    if (!(await store.setCommentHidden(db, uc.id, id, hide))) throw notFound();
    await store.resolveFlags(db, id);
    await recordAudit(db, { actorId: actor!.id, action: hide ? 'use_case_comment.hidden' : 'use_case_comment.shown', subjectType: 'use_case_comment', subjectId: id, reason });
    return uc.slug;
  });
}
