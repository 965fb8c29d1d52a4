// Comments on use cases: Markdown, one level of replies, edit/delete own, flags for facilitators.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { loadCase, notifyFollowers } from './usecases.service.js';

export async function addComment(ctx: AppContext, actor: UcActor | undefined, slug: string, body: string, parentId: number | null): Promise<number> {
  const html = renderMarkdown(body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canComment(actor, uc)) throw forbidden();
    let parentAuthor: number | null = null;
    if (parentId !== null) {
      const [p] = await db.query(`SELECT id, parent_id AS "parentId", author_id AS "authorId" FROM use_case_comments WHERE id = $1 AND use_case_id = $2 AND deleted_at IS NULL`, [parentId, uc.id]);
      if (!p) throw invalid('validation.summary', { body: 'usecases.comments.parentGone' });
      // Threads are one level deep: a reply to a reply joins the top-level comment's thread.
      parentId = p.parentId ?? p.id;
      parentAuthor = p.authorId;
    }
    const [row] = await db.query(
      `INSERT INTO use_case_comments (use_case_id, parent_id, author_id, body_source, body_html, language)
       VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $3)) RETURNING id`,
      [uc.id, parentId, actor!.id, body, html]);
    const url = `/use-cases/${uc.slug}#comment-${row.id}`;
    if (parentAuthor) await notify(db, { userId: parentAuthor, kind: 'usecase.reply', title: uc.title, language: uc.language, url, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
    await notifyFollowers(db, uc.id, actor!.id, 'usecase.comment', uc.title, url);
    return row.id;
  });
}

async function ownComment(db: import('typeorm').EntityManager, actor: UcActor | undefined, slug: string, id: number) {
  const uc = await loadCase(db, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  const [c] = await db.query(
    `SELECT id, author_id AS "authorId", deleted_at AS "deletedAt" FROM use_case_comments WHERE id = $1 AND use_case_id = $2 FOR UPDATE`, [id, uc.id]);
  if (!c || c.deletedAt) throw notFound();
  return { uc, c };
}

export async function editComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number, body: string): Promise<string> {
  const html = renderMarkdown(body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canChangeComment(actor, c)) throw forbidden();
    await db.query(`UPDATE use_case_comments SET body_source = $2, body_html = $3, edited_at = now() WHERE id = $1`, [id, body, html]);
    return uc.slug;
  });
}

/** Deleting keeps the row (replies stay in place) but removes the text. */
export async function deleteComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canChangeComment(actor, c)) throw forbidden();
    await db.query(`UPDATE use_case_comments SET body_source = '', body_html = '', deleted_at = now() WHERE id = $1`, [id]);
    return uc.slug;
  });
}

export async function flagComment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number, reason: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { uc, c } = await ownComment(db, actor, slug, id);
    if (!policy.canFlagComment(actor, c)) throw forbidden();
    const res = await db.query(
      `INSERT INTO use_case_comment_flags (comment_id, user_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING comment_id`,
      [id, actor!.id, reason]);
    if (!res.length) throw conflict('usecases.comments.alreadyFlagged');
    const facilitators: { id: number }[] = await db.query(`SELECT id FROM users WHERE role IN ('facilitator', 'admin') AND status = 'active'`);
    for (const f of facilitators) {
      await notify(db, { userId: f.id, kind: 'usecase.flag', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}#comment-${id}`, actorId: actor!.id, subjectType: 'use_case_comment', subjectId: id });
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
    const rows = await db.query(
      `UPDATE use_case_comments SET hidden_at = CASE WHEN $3 THEN now() END WHERE id = $1 AND use_case_id = $2 RETURNING id`, [id, uc.id, hide]);
    if (!(rows[0] as unknown[]).length) throw notFound();
    await db.query(`UPDATE use_case_comment_flags SET resolved_at = now() WHERE comment_id = $1 AND resolved_at IS NULL`, [id]);
    await recordAudit(db, { actorId: actor!.id, action: hide ? 'use_case_comment.hidden' : 'use_case_comment.shown', subjectType: 'use_case_comment', subjectId: id, reason });
    return uc.slug;
  });
}
