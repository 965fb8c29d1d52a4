// Reads of the points ledger: a member's total and their history.
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows } from '../../db/sql.js';

export interface LedgerLine {
  id: string;
  reason: string;
  points: number;
  capped: boolean;
  reversal: boolean;
  createdAt: Date;
  itemTitle: string;
  itemUrl: string;
}

export async function pointsOf(ds: DataSource, userId: number): Promise<number> {
  const [row] = await preparedQuery<{ total: string | null }>(ds, 'recognition-points-of', `SELECT sum(points) AS total FROM recognition_ledger WHERE user_id = $1`, [userId]);
  return Number(row?.total ?? 0);
}

/** The member's ledger, newest first, with the item each line is for. */
export async function ledgerOf(ds: DataSource, userId: number, limit: number, offset: number): Promise<{ lines: LedgerLine[]; total: number }> {
  const list = await rows<{ id: string; reason: string; points: number; capped: boolean; reverses_id: string | null; created_at: Date; title: string; url: string; n: string }>(ds,
    `SELECT l.id, l.reason, l.points, l.capped, l.reverses_id, l.created_at, f.title, f.url, count(*) OVER () AS n
       FROM recognition_ledger l JOIN recognition_facts f ON f.fact = l.fact
      WHERE l.user_id = $1 ORDER BY l.created_at DESC, l.id DESC LIMIT $2 OFFSET $3`,
    [userId, limit, offset]);
  return {
    total: Number(list[0]?.n ?? (offset ? await countOf(ds, userId) : 0)),
    lines: list.map((r) => ({
      id: r.id, reason: r.reason, points: r.points, capped: r.capped, reversal: r.reverses_id !== null, createdAt: r.created_at, itemTitle: r.title, itemUrl: r.url,
    })),
  };
}

async function countOf(ds: DataSource, userId: number): Promise<number> {
  return Number((await one<{ n: string }>(ds, `SELECT count(*) AS n FROM recognition_ledger WHERE user_id = $1`, [userId]))!.n);
}

/** The privacy download: every ledger line and fact of the member. */
export async function exportLedger(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    ledger: await rows(ds, `SELECT l.id, l.reason, l.points, l.capped, l.reverses_id AS "reversesId", l.fact, l.created_at AS "createdAt"
                              FROM recognition_ledger l WHERE l.user_id = $1 ORDER BY l.id`, [userId]),
    facts: await rows(ds, `SELECT fact, kind, holds, item_type AS "itemType", item_id AS "itemId", title, url, competences, began_at AS "beganAt"
                             FROM recognition_facts WHERE user_id = $1 ORDER BY began_at`, [userId]),
  };
}

/** The privacy download: the member's badges and micro-degrees, and those they granted or revoked. */
export async function exportAssertions(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const cols = `id, kind, class_key AS "classKey", source_key AS "sourceKey", granted_at AS "grantedAt", grant_reason AS "grantReason",
                evidence, revoked_at AS "revokedAt", revocation_reason AS "revocationReason"`;
  return {
    assertions: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE user_id = $1 ORDER BY granted_at`, [userId]),
    assertionsGranted: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE granted_by = $1 ORDER BY granted_at`, [userId]),
    assertionsRevoked: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE revoked_by = $1 ORDER BY granted_at`, [userId]),
  };
}
