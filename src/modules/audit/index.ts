// Audit: the log of approvals, rejections, role changes and moderation actions.
import type { PraxisModule } from '../module.js';
import { AuditEntry } from './audit-entry.entity.js';

export { recordAudit, type AuditRecord } from './audit.service.js';
export { listAudit, type AuditRow } from './audit.queries.js';
export { auditEntryView, type AuditEntryView } from './audit.views.js';
export { AuditEntry };

export const auditModule: PraxisModule = {
  name: 'audit',
  entities: [AuditEntry],
  // Entries by the member or about their account. Deletion keeps them (accountability for
  // approvals, role changes and moderation); the actor then shows as "former member".
  userColumns: { 'audit_log.actor_id': 'entries' },
  exportUserData: async (ds, userId) => ({
    entries: await ds.query(
      `SELECT action, subject_type AS "subjectType", subject_id AS "subjectId", reason, details, created_at AS "createdAt",
              (actor_id = $1) AS "byMe"
         FROM audit_log WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $2) ORDER BY id`,
      [userId, String(userId)]),
  }),
};
