// Audit: the log of approvals, rejections, role changes and moderation actions.
import type { PraxisModule } from '../module.js';
import { AuditEntry } from './audit-entry.entity.js';
import { auditEntriesOfMember } from './audit.queries.js';

export { recordAudit, type AuditRecord } from './audit.store.js';
export { listAudit, type AuditRow } from './audit.queries.js';
export { auditEntryView, type AuditEntryView } from './audit.views.js';
export { AuditEntry };

export const auditModule: PraxisModule = {
  name: 'audit',
  entities: [AuditEntry],
  // Entries by the member or about their account. Deletion keeps them (accountability for
  // approvals, role changes and moderation); the actor then shows as "former member".
  userColumns: { 'audit_log.actor_id': 'entries' },
  exportUserData: async (ds, userId) => ({ entries: await auditEntriesOfMember(ds, userId) }),
};
