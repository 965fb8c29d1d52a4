// The reuse kit: files attached to a use case. The upload arrives as a temporary file (see
// web/middleware/upload.ts) after mayUpload() allowed it; its type is read from the content (see
// shared/filetype.ts; the checks are shared/uploads.ts' checkAttachment), it is moved under
// config.uploadDir by a random key, outside the web root, and only then recorded; a failed insert
// removes the file again (keepUpload).
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { checkAttachment, keepUpload, uploadRoot, type UploadedFile } from '../../shared/uploads.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { deleteAttachmentRow, insertAttachment } from './attachments.store.js';
import { findAttachment, loadCase } from './case.queries.js';
import { notifyFollowers } from './usecases.service.js';
import { lockCase, touchCase } from './usecases.store.js';

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
  const checked = await checkAttachment(file, {
    missing: 'usecases.attachments.missing', tooLarge: 'usecases.attachments.tooLarge', badType: 'usecases.attachments.badType',
  });
  await keepUpload(checked.file, attachmentsDir(ctx), checked.type, (key) => inTransaction(ctx.ds, async (db) => {
    const locked = await lockCase(db, slug);
    if (!locked || !policy.canUpload(actor, locked)) throw forbidden();
    await insertAttachment(db, {
      useCaseId: uc.id, key, filename: checked.filename, contentType: checked.type.contentType, sizeBytes: checked.file.size,
      licence: meta.licence, description: meta.description, uploadedById: actor!.id,
    });
    await touchCase(db, uc.id);
    if (uc.published) await notifyFollowers(db, uc.id, actor!.id, 'usecase.updated', uc.title, `/use-cases/${uc.slug}#attachments`);
  }));
  return uc.slug;
}

export async function deleteAttachment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<string> {
  const key = await inTransaction(ctx.ds, async (db) => {
    const uc = await lockCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canUpload(actor, uc)) throw forbidden();
    const deletedKey = await deleteAttachmentRow(db, uc.id, id);
    if (deletedKey === null) throw notFound();
    return deletedKey;
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
  const a = await findAttachment(ctx.ds, uc.id, id);
  if (!a) throw notFound();
  const file = storagePath(ctx, a.key);
  await access(file).catch(() => {
    throw notFound();
  });
  return { filename: a.filename, contentType: a.contentType, root: attachmentsDir(ctx), name: a.key };
}
