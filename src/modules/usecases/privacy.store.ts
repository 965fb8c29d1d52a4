// The SQL of the use-case part of the privacy download and of account deletion (usecases.privacy.ts).
import type { DataSource } from 'typeorm';
import { affected, rows, type Db } from '../../db/sql.js';
import { UseCaseCommentFlag } from './use-case-comment-flag.entity.js';
import { UseCaseComment } from './use-case-comment.entity.js';
import { UseCaseContact, UseCaseEditor, UseCaseFollow, UseCaseTopicFollow } from './use-case-member.entity.js';

/** For the member's data download: everything of the use-case library by or about the member. */
export async function usecasesDataOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const q = (sql: string) => rows(ds, sql, [userId]);
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
    topicFollows: await q(
      `SELECT facet, key, created_at AS "createdAt" FROM use_case_topic_follows WHERE user_id = $1 ORDER BY created_at, facet, key`),
    adoptions: await q(
      `SELECT uc.slug AS "useCase", a.name AS administration, d.status, d.note, d.created_at AS "createdAt", d.updated_at AS "updatedAt"
         FROM use_case_adoptions d JOIN use_cases uc ON uc.id = d.use_case_id JOIN administrations a ON a.id = d.administration_id
        WHERE d.declared_by_id = $1 ORDER BY d.id`),
    translations: await q(
      `SELECT uc.slug AS "useCase", r.language, r.title, r.summary, r.narrative, r.status, r.created_at AS "createdAt"
         FROM use_case_translation_revisions r JOIN use_cases uc ON uc.id = r.use_case_id WHERE r.author_id = $1 ORDER BY r.id`),
    translationReviews: await q(
      `SELECT uc.slug AS "useCase", r.language, r.status, r.review_note AS note, r.reviewed_at AS "reviewedAt"
         FROM use_case_translation_revisions r JOIN use_cases uc ON uc.id = r.use_case_id WHERE r.reviewed_by_id = $1 ORDER BY r.id`),
    attachments: await q(
      `SELECT uc.slug AS "useCase", t.id, t.filename, t.content_type AS "contentType", t.size_bytes AS "sizeBytes", t.licence,
              t.description, t.created_at AS "createdAt"
         FROM use_case_attachments t JOIN use_cases uc ON uc.id = t.use_case_id WHERE t.uploaded_by_id = $1 ORDER BY t.id`),
  };
}


/** Follows, editor rights and contact entries go; cases the member owned lose their owner. */
export async function releaseMemberFromCases(db: Db, userId: number): Promise<void> {
  await db.delete(UseCaseFollow, { userId });
  await db.delete(UseCaseTopicFollow, { userId });
  await db.delete(UseCaseEditor, { userId });
  await db.delete(UseCaseContact, { userId });
  // SQL: the entity's update would also set updated_at (losing the owner does not).
  await affected(db, `UPDATE use_cases SET owner_id = NULL WHERE owner_id = $1`, [userId]);
}

export async function deleteFlagsBy(db: Db, userId: number): Promise<void> {
  await db.delete(UseCaseCommentFlag, { userId });
}

/**
 * Translation texts the member wrote that readers never saw (waiting, refused, replaced) go; approved
 * ones are the case's published text and stay (as "former member"). Their review notes are emptied.
 */
export async function removeTranslationsBy(db: Db, userId: number): Promise<void> {
  await affected(db, `DELETE FROM use_case_translation_revisions WHERE author_id = $1 AND status <> 'approved'`, [userId]);
  await affected(db, `UPDATE use_case_translation_revisions SET review_note = '' WHERE reviewed_by_id = $1 AND review_note <> ''`, [userId]);
}

/** Adoptions the member declared keep their status (the administration's) but lose note and declarer; returns their cases. */
export async function anonymiseAdoptionsBy(db: Db, userId: number): Promise<{ useCaseId: number }[]> {
  return rows(db,
    `UPDATE use_case_adoptions SET note = '', declared_by_id = NULL, updated_at = now() WHERE declared_by_id = $1
     RETURNING use_case_id AS "useCaseId"`, [userId]);
}

/** Deletes the attachment rows the member uploaded; returns their storage keys. */
export async function deleteAttachmentsBy(db: Db, userId: number): Promise<{ key: string }[]> {
  return rows(db, `DELETE FROM use_case_attachments WHERE uploaded_by_id = $1 RETURNING storage_key AS "key"`, [userId]);
}

/** Locks the member's comments, newest first. */
export async function lockCommentsBy(db: Db, userId: number): Promise<{ id: number }[]> {
  return rows(db, `SELECT id FROM use_case_comments WHERE author_id = $1 ORDER BY id DESC FOR UPDATE`, [userId]);
}

export async function hasReplies(db: Db, commentId: number): Promise<boolean> {
  return db.existsBy(UseCaseComment, { parentId: commentId });
}

/** A comment others answered keeps its place as "deleted", without text and flags. */
export async function blankComment(db: Db, commentId: number): Promise<void> {
  await affected(db, `UPDATE use_case_comments SET body_source = '', body_html = '', deleted_at = coalesce(deleted_at, now()) WHERE id = $1`, [commentId]);
  await db.delete(UseCaseCommentFlag, { commentId });
}

export async function deleteComment(db: Db, commentId: number): Promise<void> {
  await db.delete(UseCaseComment, { id: commentId });
}

/** Locks the cases the member created that nobody else has worked on; returns their ids. */
export async function lockSoloCases(db: Db, userId: number): Promise<number[]> {
  const solo = await rows<{ id: number }>(db,
    `SELECT uc.id FROM use_cases uc
      WHERE uc.created_by_id = $1
        AND NOT EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = uc.id)
        AND NOT EXISTS (SELECT 1 FROM use_case_revisions r WHERE r.use_case_id = uc.id AND r.author_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_case_comments c WHERE c.use_case_id = uc.id AND c.author_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_case_adoptions d WHERE d.use_case_id = uc.id)
        AND NOT EXISTS (SELECT 1 FROM use_case_attachments t WHERE t.use_case_id = uc.id AND t.uploaded_by_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_case_translation_revisions tr WHERE tr.use_case_id = uc.id AND tr.origin = 'app' AND tr.author_id IS DISTINCT FROM $1)
        AND NOT EXISTS (SELECT 1 FROM use_cases d WHERE d.derived_from_id = uc.id)
      FOR UPDATE OF uc`, [userId]);
  return solo.map((s) => s.id);
}

export async function attachmentKeysOf(db: Db, useCaseIds: number[]): Promise<{ key: string }[]> {
  return rows(db, `SELECT storage_key AS "key" FROM use_case_attachments WHERE use_case_id = ANY($1::int[])`, [useCaseIds]);
}

export async function commentIdsOf(db: Db, useCaseIds: number[]): Promise<{ id: number }[]> {
  return rows(db, `SELECT id FROM use_case_comments WHERE use_case_id = ANY($1::int[])`, [useCaseIds]);
}

export async function deleteCases(db: Db, ids: number[]): Promise<void> {
  await affected(db, `DELETE FROM use_cases WHERE id = ANY($1::int[])`, [ids]);
}
