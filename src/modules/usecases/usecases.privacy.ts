// The use-case part of the privacy download and of account deletion.
//
// Deletion, in both variants: follows, editor rights and contact entries go, and cases the member
// owned lose their owner (the review queue shows them to every facilitator). Keeping
// contributions keeps the rest, shown as "former member". Removing them: comments go (one others
// answered keeps its place as "deleted"), flags go, adoption notes are emptied (the adoption is
// the administration's and stays), attachments the member uploaded go with their files, and a
// case the member wrote alone goes; translation texts nobody approved go (approved ones are the
// case's text and stay). A case other members worked on too (edits, comments, adoptions,
// attachments, derived cases, further editors, translations) stays as the administration's record.
import type { DataSource } from 'typeorm';
import type { AppContext } from '../module.js';
import { addToOutbox, type OutboxHandler } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { forgetNotificationsAbout } from '../notifications/index.js';
import { attachmentKey } from './attachments.service.js';
import { fileStore } from '../../shared/uploads.js';
import type { Db } from '../../db/sql.js';
import * as store from './privacy.store.js';


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
  'use_case_topic_follows.user_id': 'topicFollows',
  'use_case_adoptions.declared_by_id': 'adoptions',
  'use_case_attachments.uploaded_by_id': 'attachments',
  'use_case_translation_revisions.author_id': 'translations',
  'use_case_translation_revisions.reviewed_by_id': 'translationReviews',
};

export async function exportUsecasesData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return store.usecasesDataOfMember(ds, userId);
}

export async function deleteUsecasesData(db: Db, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  const id = member.id;
  await store.releaseMemberFromCases(db, id);
  if (contributions === 'keep') return;

  await store.deleteFlagsBy(db, id);
  await store.removeTranslationsBy(db, id);
  await removeComments(db, id);
  const adopted = await store.anonymiseAdoptionsBy(db, id);
  for (const a of adopted) await queueSearchIndex(db, 'use_case', a.useCaseId);
  const files = await store.deleteAttachmentsBy(db, id);
  await purgeFiles(db, files);
  await removeSoloCases(db, id);
}


/** Comments newest first, so a comment answered only by the member's own replies goes too. */
async function removeComments(db: Db, userId: number): Promise<void> {
  const comments = await store.lockCommentsBy(db, userId);
  for (const c of comments) {
    if (await store.hasReplies(db, c.id)) await store.blankComment(db, c.id);
    else await store.deleteComment(db, c.id);
  }
  await forgetNotificationsAbout(db, 'use_case_comment', comments.map((c) => c.id));
}

/** Cases the member created that nobody else has worked on: deleted, with their files. */
async function removeSoloCases(db: Db, userId: number): Promise<void> {
  const ids = await store.lockSoloCases(db, userId);
  if (!ids.length) return;
  const files = await store.attachmentKeysOf(db, ids);
  const comments = await store.commentIdsOf(db, ids);
  await store.deleteCases(db, ids);
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
        await fileStore(ctx.config).delete(attachmentKey(key));
      }
    },
  };
}
