// Audit: the log of approvals, rejections, role changes and moderation actions.
import type { PraxisModule } from '../module.js';
import { AuditEntry } from './audit-entry.entity.js';

export { recordAudit, type AuditRecord } from './audit.service.js';
export { listAudit, type AuditRow } from './audit.queries.js';
export { AuditEntry };

export const auditModule: PraxisModule = { name: 'audit', entities: [AuditEntry] };
