// The audit log: who did what to whom, when and why. Written in the same transaction as the action.
import { rows, type Db } from '../../db/sql.js';

export interface AuditRecord {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, r: AuditRecord): Promise<void> {
  await rows(db,
    `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.actorId, r.action, r.subjectType, String(r.subjectId), r.reason ?? null, JSON.stringify(r.details ?? {})],
  );
}
