// The use-case part of the privacy download and of account deletion.
//
// Deletion, in both variants: follows, editor rights and contact entries go, and cases the member
// owned lose their owner (the review queue shows them to every facilitator). Keeping
// contributions keeps the rest, shown as "former member". Removing them: comments go (one others
// answered keeps its place as "deleted"), flags go, adoption notes are emptied (the adoption is
// the administration's and stays), attachments the member uploaded go with their files, and a
// case the member wrote alone goes. A case other members worked on too (edits, comments,
// adoptions, attachments, derived cases, further editors) stays as the administration's record.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppContext } from '../module.js';
import { addToOutbox, type OutboxHandler } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { forgetNotificationsAbout } from '../notifications/index.js';
import { attachmentsDir } from './attachments.service.js';
import { returned, type Db } from '../../db/sql.js';


/** Outbox topic: an attachment's file to delete once the rows are gone (payload: { key }). */
export const ATTACHMENT_PURGE_TOPIC = 'usecases.attachment-purge';

export const usecasesUserColumns = {
  'use_cases.created_by_id': 'useCases',
  'use_cases.owner_id': 'owned',
  'use_cases.verified_by_id': 'verified',
  'use_case_editors.user_id': 'editorOf',
  'use_case_editors.added_by_id': 'editorsAdded',
  'use_case_contacts.user_id': 'contactFor',
  'use_case_revisions.author_id': 'revisions',
  'use_case_comments.author_id': 'comments',
  'use_case_comment_flags.user_id': 'commentFlags',
  'use_case_follows.user_id': 'follows',
  'use_case_adoptions.declared_by_id': 'adoptions',
  'use_case_attachments.uploaded_by_id': 'attachments',
};

export async function exportUsecasesData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const q = (sql: string) => ds.query(sql, [userId]);
  return {
    useCases: await q(
      `SELECT uc.slug, uc.title, uc.summary, a.name AS administration, uc.department, uc.department_other AS "departmentOther",
              uc.status, uc.policy_areas AS "policyAreas", uc.iap2_level AS "iap2Level", uc.methods, uc.start_date AS "startDate",
              uc.end_date AS "endDate", uc.formal_basis AS "formalBasis", uc.council_decision AS "councilDecision",
              uc.digital_tool AS "digitalTool", uc.format, uc.target_groups AS "targetGroups", uc.participant_count AS "participantCount",
              uc.budget_band AS "budgetBand", uc.staff_effort_days AS "staffEffortDays", uc.narrative, uc.language, uc.visibility,
              uc.published, uc.published_at AS "publishedAt", uc.created_at AS "createdAt", uc.updated_at AS "updatedAt"
         FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id WHERE uc.created_by_id = $1 ORDER BY uc.id`),
    owned: await q(`SELECT slug, title FROM use_cases WHERE owner_id = $1 ORDER BY id`),
    verified: await q(`SELECT slug, verified_at AS "verifiedAt" FROM use_cases WHERE verified_by_id = $1 ORDER BY id`),
    revisions: await q(
      `SELECT uc.slug AS "useCase", r.version, r.snapshot, r.diff, r.created_at AS "createdAt"
         FROM use_case_revisions r JOIN use_cases uc ON uc.id = r.use_case_id WHERE r.author_id = $1 ORDER BY r.id`),
    editorOf: await q(
      `SELECT uc.slug AS "useCase", e.created_at AS "since" FROM use_case_editors e JOIN use_cases uc ON uc.id = e.use_case_id
        WHERE e.user_id = $1 ORDER BY e.created_at`),
    // Editors this member added (not who they are).
    editorsAdded: await q(
      `SELECT uc.slug AS "useCase", e.created_at AS "addedAt" FROM use_case_editors e JOIN use_cases uc ON uc.id = e.use_case_id
        WHERE e.added_by_id = $1 ORDER BY e.created_at`),
    contactFor: await q(
      `SELECT uc.slug AS "useCase", c.opted_in_at AS "optedInAt", c.created_at AS "createdAt" FROM use_case_contacts c
         JOIN use_cases uc ON uc.id = c.use_case_id WHERE c.user_id = $1 ORDER BY c.created_at`),
    comments: await q(
      `SELECT uc.slug AS "useCase", c.id, c.parent_id AS "parentId", c.body_source AS body, c.created_at AS "createdAt",
              c.edited_at AS "editedAt", c.deleted_at AS "deletedAt", c.hidden_at AS "hiddenAt"
         FROM use_case_comments c JOIN use_cases uc ON uc.id = c.use_case_id WHERE c.author_id = $1 ORDER BY c.id`),
    commentFlags: await q(
      `SELECT uc.slug AS "useCase", f.comment_id AS "commentId", f.reason, f.created_at AS "createdAt", f.resolved_at AS "resolvedAt"
         FROM use_case_comment_flags f JOIN use_case_comments c ON c.id = f.comment_id JOIN use_cases uc ON uc.id = c.use_case_id
        WHERE f.user_id = $1 ORDER BY f.created_at`),
    follows: await q(
      `SELECT uc.slug AS "useCase", f.created_at AS "createdAt" FROM use_case_follows f JOIN use_cases uc ON uc.id = f.use_case_id
        WHERE f.user_id = $1 ORDER BY f.created_at`),
    adoptions: await q(
      `SELECT uc.slug AS "useCase", a.name AS administration, d.status, d.note, d.created_at AS "createdAt", d.updated_at AS "updatedAt"
         FROM use_case_adoptions d JOIN use_cases uc ON uc.id = d.use_case_id JOIN administrations a ON a.id = d.administration_id
        WHERE d.declared_by_id = $1 ORDER BY d.id`),
    attachments: await q(
      `SELECT uc.slug AS "useCase", t.id, t.filename, t.content_type AS "contentType", t.size_bytes AS "sizeBytes", t.licence,
              t.description, t.created_at AS "createdAt"
         FROM use_case_attachments t JOIN use_cases uc ON uc.id = t.use_case_id WHERE t.uploaded_by_id = $1 ORDER BY t.id`),
  };
}

export async function deleteUsecasesData(db: Db, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  const id = member.id;
  await db.query(`DELETE FROM use_case_follows WHERE user_id = $1`, [id]);
  await db.query(`DELETE FROM use_case_editors WHERE user_id = $1`, [id]);
  await db.query(`DELETE FROM use_case_contacts WHERE user_id = $1`, [id]);
  await db.query(`UPDATE use_cases SET owner_id = NULL WHERE owner_id = $1`, [id]);
  if (contributions === 'keep') return;

  await db.query(`DELETE FROM use_case_comment_flags WHERE user_id = $1`, [id]);
  await removeComments(db, id);
  const adopted: { useCaseId: number }[] = await db.query(
    `UPDATE use_case_adoptions SET note = '', declared_by_id = NULL, updated_at = now() WHERE declared_by_id = $1
     RETURNING use_case_id AS "useCaseId"`, [id]).then((r) => returned<{ useCaseId: number }>(r));
  for (const a of adopted) await queueSearchIndex(db, 'use_case', a.useCaseId);
  const files: { key: string }[] = await db.query(
    `DELETE FROM use_case_attachments WHERE uploaded_by_id = $1 RETURNING storage_key AS "key"`, [id]).then((r) => returned<{ key: string }>(r));
  await purgeFiles(db, files);
  await removeSoloCases(db, id);
}


/** Comments newest first, so a comment answered only by the member's own replies goes too. */
async function removeComments(db: Db, userId: number): Promise<void> {
  const comments: { id: number }[] = await db.query(`SELECT id FROM use_case_comments WHERE author_id = $1 ORDER BY id DESC FOR UPDATE`, [userId]);
  for (const c of comments) {
    const [child] = await db.query(`SELECT 1 FROM use_case_comments WHERE parent_id = $1 LIMIT 1`, [c.id]);
    if (child) {
      await db.query(`UPDATE use_case_comments SET body_source = '', body_html = '', deleted_at = coalesce(deleted_at, now()) WHERE id = $1`, [c.id]);
      await db.query(`DELETE FROM use_case_comment_flags WHERE comment_id = $1`, [c.id]);
    } else {
      await db.query(`DELETE FROM use_case_comments WHERE id = $1`, [c.id]);
    }
  }
  await forgetNotificationsAbout(db, 'use_case_comment', comments.map((c) => c.id));
}

/** Cases the member created that nobody else has worked on: deleted, with their files. */
async function removeSoloCases(db: Db, userId: number): Promise<void> {
  const solo: { id: number }[] = await db.query(
    `SELECT uc.id FROM use_cases uc
      WHERE uc.created_by_id = $1
        AND NOT EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = uc.id)
        AND NOT EXISTS (SELECT 1 FROM use_case_revisions r WHERE r.use_case_id = uc.id AND r.author_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_case_comments c WHERE c.use_case_id = uc.id AND c.author_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_case_adoptions d WHERE d.use_case_id = uc.id)
        AND NOT EXISTS (SELECT 1 FROM use_case_attachments t WHERE t.use_case_id = uc.id AND t.uploaded_by_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_cases d WHERE d.derived_from_id = uc.id)
      FOR UPDATE OF uc`, [userId]);
  const ids = solo.map((s) => s.id);
  if (!ids.length) return;
  const files: { key: string }[] = await db.query(`SELECT storage_key AS "key" FROM use_case_attachments WHERE use_case_id = ANY($1::int[])`, [ids]);
  const comments: { id: number }[] = await db.query(`SELECT id FROM use_case_comments WHERE use_case_id = ANY($1::int[])`, [ids]);
  await db.query(`DELETE FROM use_cases WHERE id = ANY($1::int[])`, [ids]);
  await purgeFiles(db, files);
  await forgetNotificationsAbout(db, 'use_case', ids);
  await forgetNotificationsAbout(db, 'use_case_comment', comments.map((c) => c.id));
  for (const caseId of ids) await queueSearchIndex(db, 'use_case', caseId);
}

/** The files are deleted by the worker once the transaction that removed their rows has committed. */
async function purgeFiles(db: Db, files: { key: string }[]): Promise<void> {
  for (const f of files) await addToOutbox(db, ATTACHMENT_PURGE_TOPIC, { key: f.key }, { key: `${ATTACHMENT_PURGE_TOPIC}:${f.key}` });
}

/** Deletes purged attachment files (idempotent: a file already gone is fine). */
export function attachmentPurgeHandler(ctx: AppContext): OutboxHandler {
  return {
    batchSize: 50,
    async handle(messages) {
      for (const m of messages) {
        const key = (m.payload as { key?: unknown })?.key;
        // Keys are "<uuid>.<ext>"; anything else is not ours to delete.
        if (typeof key !== 'string' || !/^[0-9a-f-]{36}\.[a-z0-9]{1,8}$/.test(key)) continue;
        await rm(path.join(attachmentsDir(ctx), key), { force: true });
      }
    },
  };
}
