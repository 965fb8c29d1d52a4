// Rows of the reuse kit (use_case_attachments); the files themselves are handled by attachments.service.ts.
import { one, type Db } from '../../db/sql.js';
import { UseCaseAttachment } from './use-case-attachment.entity.js';

export async function insertAttachment(
  db: Db,
  a: { useCaseId: number; key: string; filename: string; contentType: string; sizeBytes: number; licence: string; description: string; uploadedById: number },
): Promise<void> {
  await db.insert(UseCaseAttachment, {
    useCaseId: a.useCaseId, storageKey: a.key, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes,
    licence: a.licence, description: a.description, uploadedById: a.uploadedById,
  });
}

/** Deletes the case's attachment row; returns its storage key, or null when there was none. */
export async function deleteAttachmentRow(db: Db, useCaseId: number, id: number): Promise<string | null> {
  const deleted = await one<{ key: string }>(db,
    `DELETE FROM use_case_attachments WHERE id = $1 AND use_case_id = $2 RETURNING storage_key AS "key"`, [id, useCaseId]);
  return deleted?.key ?? null;
}
