// Rows of the reuse kit (use_case_attachments); the files themselves are handled by attachments.service.ts.
import { one, rows, type Db } from '../../db/sql.js';

export async function insertAttachment(
  db: Db,
  a: { useCaseId: number; key: string; filename: string; contentType: string; sizeBytes: number; licence: string; description: string; uploadedById: number },
): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_attachments (use_case_id, storage_key, filename, content_type, size_bytes, licence, description, uploaded_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.useCaseId, a.key, a.filename, a.contentType, a.sizeBytes, a.licence, a.description, a.uploadedById]);
}

/** Deletes the case's attachment row; returns its storage key, or null when there was none. */
export async function deleteAttachmentRow(db: Db, useCaseId: number, id: number): Promise<string | null> {
  const deleted = await one<{ key: string }>(db,
    `DELETE FROM use_case_attachments WHERE id = $1 AND use_case_id = $2 RETURNING storage_key AS "key"`, [id, useCaseId]);
  return deleted?.key ?? null;
}
