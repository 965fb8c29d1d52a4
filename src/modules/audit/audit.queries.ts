// Reading the audit log (admins).
import type { DataSource } from 'typeorm';
import type { Page } from '../../shared/pagination.js';
import { rows, type Queryable } from '../../db/sql.js';

export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  details: Record<string, unknown>;
  actorName: string | null;
  actorHandle: string | null;
}

export async function listAudit(ds: DataSource, page: Page, filter: { action?: string } = {}): Promise<{ rows: AuditRow[]; total: number }> {
  const params: unknown[] = [page.limit, page.offset];
  let where = '';
  if (filter.action) {
    params.push(filter.action);
    where = `WHERE a.action = $3`;
  }
  const list = await rows<AuditRow & { total: string }>(ds,
    `SELECT a.id, a.created_at AS "createdAt", a.action, a.subject_type AS "subjectType",
            a.subject_id AS "subjectId", a.reason, a.details, u.name AS "actorName", u.handle AS "actorHandle",
            count(*) OVER () AS total
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       ${where}
      ORDER BY a.id DESC LIMIT $1 OFFSET $2`,
    params,
  );
  return { rows: list, total: list.length ? Number(list[0]!.total) : 0 };
}

/** For the member's data download: entries by the member or about their account. */
export async function auditEntriesOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  return rows(db,
    `SELECT action, subject_type AS "subjectType", subject_id AS "subjectId", reason, details, created_at AS "createdAt",
            (actor_id = $1) AS "byMe"
       FROM audit_log WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $2) ORDER BY id`,
    [userId, String(userId)]);
}
