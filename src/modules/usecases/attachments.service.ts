// The reuse kit: files attached to a use case. The upload arrives as a temporary file (see
// web/middleware/upload.ts) after mayUpload() allowed it; its type is read from the content (see
// shared/filetype.ts; the checks are shared/uploads.ts' checkAttachment), it is moved under
// the file store (shared/uploads.ts: UPLOAD_DIR, outside the web root) by a random key, and only then
// recorded; a failed insert removes the file again (keepUpload).
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { checkAttachment, fileStore, keepUpload, storeKey, type UploadedFile } from '../../shared/uploads.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { deleteAttachmentRow, insertAttachment } from './attachments.store.js';
import { findAttachment, loadCase } from './case.queries.js';
import { notifyFollowers } from './usecases.service.js';
import { lockCase, touchCase } from './usecases.store.js';

/** The file store's area of the attachments; a row's key is a name in it. */
const AREA = 'usecases';
/** The file store key of an attachment row's key. */
export const attachmentKey = (key: string) => storeKey(AREA, key);

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
  await keepUpload(fileStore(ctx.config), AREA, checked.file, checked.type, (key) => inTransaction(ctx.ds, async (db) => {
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
  await fileStore(ctx.config).delete(attachmentKey(key));
  return slug;
}

export interface AttachmentFile {
  filename: string;
  contentType: string;
  /** The file store key (streamed from the store, not read into memory) and the file's size. */
  key: string;
  size: number;
}

export async function readAttachment(ctx: AppContext, actor: UcActor | undefined, slug: string, id: number): Promise<AttachmentFile> {
  const uc = await loadCase(ctx.ds, slug);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  const a = await findAttachment(ctx.ds, uc.id, id);
  if (!a) throw notFound();
  const key = attachmentKey(a.key);
  const stored = await fileStore(ctx.config).stat(key);
  if (!stored) throw notFound();
  return { filename: a.filename, contentType: a.contentType, key, size: stored.size };
}
