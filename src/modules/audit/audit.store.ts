// The audit log: who did what to whom, when and why. Written in the same transaction as the action.
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Db } from '../../db/sql.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, r: AuditRecord): Promise<void> {
  await db.insert(AuditEntry, {
    actorId: r.actorId, action: r.action, subjectType: r.subjectType, subjectId: String(r.subjectId), reason: r.reason ?? null, details: (r.details ?? {}) as QueryDeepPartialEntity<AuditEntry['details']>,
  });
}
