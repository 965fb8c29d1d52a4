// The reuse kit: files attached to a use case. The upload arrives as a temporary file (see
// web/middleware/upload.ts) after mayUpload() allowed it; its type is read from the content (see
// usecases.filetype.ts), it is moved under config.uploadDir by a random key, outside the web root,
// and only then recorded; a failed insert removes the file again.
import { randomUUID } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, invalid, notFound } from '../../shared/errors.js';
import { moveUpload, uploadRoot, type UploadedFile } from '../../shared/uploads.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { loadCase, notifyFollowers } from './usecases.service.js';
import { detectFileType, safeFilename, withFileSource } from './usecases.filetype.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** The directory the attachments are served from; a stored key is a file name directly in it. */
export const attachmentsDir = (ctx: AppContext) => path.join(uploadRoot(ctx.config), 'usecases');
const storagePath = (ctx: AppContext, key: string) => path.join(attachmentsDir(ctx), key);

/**
 * Runs before the upload's body is read: the case must be visible (404 otherwise) and the member
 * allowed to upload to it (403), so a refused upload costs neither memory nor disk.
 */
export async function assertMayUpload(ctx: AppContext, actor: UcActor | undefined, slug: string): Promise<void> {
  const uc = await loadCase(ctx.ds, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  if (!policy.canUpload(actor, uc)) throw forbidden();
}

export async function addAttachment(
  ctx: AppContext,
  actor: UcActor | undefined,
  slug: string,
  file: UploadedFile | undefined,
  meta: { licence: string; description: string },
): Promise<string> {
  const uc = await loadCase(ctx.ds, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  if (!policy.canUpload(actor, uc)) throw forbidden();
  if (!file || file.size === 0) throw invalid('validation.summary', { file: 'usecases.attachments.missing' });
  if (file.size > MAX_ATTACHMENT_BYTES) throw invalid('validation.summary', { file: 'usecases.attachments.tooLarge' });
  const type = await withFileSource(file.path, (src) => detectFileType(src, file.originalname));
  if (!type) throw invalid('validation.summary', { file: 'usecases.attachments.badType' });
  const key = `${randomUUID()}.${type.ext}`;
  const target = storagePath(ctx, key);
  await moveUpload(file, target);
  try {
    await inTransaction(ctx.ds, async (db) => {
      const locked = await loadCase(db, slug, true);
      if (!locked || !policy.canUpload(actor, locked)) throw forbidden();
      await db.query(
        `INSERT INTO use_case_attachments (use_case_id, storage_key, filename, content_type, size_bytes, licence, description, uploaded_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [uc.id, key, safeFilename(file.originalname, type.ext), type.contentType, file.size, meta.licence, meta.description, actor!.id]);
      await db.query(`UPDATE use_cases SET updated_at = now() WHERE id = $1`, [uc.id]);
      if (uc.published) await notifyFollowers(db, uc.id, actor!.id, 'usecase.updated', uc.title, `/use-cases/${uc.slug}#attachments`);
    });
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
  return uc.slug;
}

export async function deleteAttachment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<string> {
  const key = await inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug, true);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canUpload(actor, uc)) throw forbidden();
    const rows = await db.query(`DELETE FROM use_case_attachments WHERE id = $1 AND use_case_id = $2 RETURNING storage_key AS "key"`, [id, uc.id]);
    const deleted = (rows[0] as { key: string }[])[0];
    if (!deleted) throw notFound();
    return deleted.key;
  });
  await rm(storagePath(ctx, key), { force: true });
  return slug;
}

export interface AttachmentFile {
  filename: string;
  contentType: string;
  /** The directory to send from and the file's name in it (streamed, not read into memory). */
  root: string;
  name: string;
}

export async function readAttachment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<AttachmentFile> {
  const uc = await loadCase(ctx.ds, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  const [a] = await ctx.ds.query(
    `SELECT storage_key AS "key", filename, content_type AS "contentType" FROM use_case_attachments WHERE id = $1 AND use_case_id = $2`, [id, uc.id]);
  if (!a) throw notFound();
  const file = storagePath(ctx, a.key);
  await access(file).catch(() => {
    throw notFound();
  });
  return { filename: a.filename, contentType: a.contentType, root: attachmentsDir(ctx), name: a.key };
}
