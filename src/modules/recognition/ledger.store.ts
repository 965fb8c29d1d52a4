// Writes of the facts and the points ledger. Every function takes the transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { ActivityEvent } from '../../shared/activity.js';

export interface FactRow {
  fact: string;
  userId: number;
  holds: boolean;
  version: number;
}

/** The fact, locked for this transaction; created (not holding, version -1) when it is new. */
export async function lockFact(db: Db, e: ActivityEvent): Promise<FactRow> {
  await db.query(
    `INSERT INTO recognition_facts (fact, kind, user_id, holds, version, item_type, item_id, began_at)
     VALUES ($1, $2, $3, false, -1, $4, $5, $6) ON CONFLICT (fact) DO NOTHING`,
    [e.fact, e.kind, e.beneficiaryId, e.item.type, String(e.item.id), e.at ?? new Date().toISOString()],
  );
  const row = await one<{ fact: string; user_id: number; holds: boolean; version: string }>(db,
    `SELECT fact, user_id, holds, version FROM recognition_facts WHERE fact = $1 FOR UPDATE`, [e.fact]);
  return { fact: row!.fact, userId: row!.user_id, holds: row!.holds, version: Number(row!.version) };
}

export async function updateFact(db: Db, e: ActivityEvent, version: number, began: boolean): Promise<void> {
  await db.query(
    `UPDATE recognition_facts SET holds = $2, version = $3, actor_id = $4, title = $5, url = $6, competences = $7,
            began_at = CASE WHEN $8::boolean THEN $9::timestamptz ELSE began_at END, updated_at = now()
      WHERE fact = $1`,
    [e.fact, e.holds, version, e.actorId, e.item.title, e.item.url, e.competences, began, e.at ?? new Date().toISOString()],
  );
}

/** Whether the member may earn points now (an account that is not active earns none). */
export async function mayEarn(db: Db, userId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM users WHERE id = $1 AND status = 'active'`, [userId]));
}

/**
 * Points awarded to the member for the reason on the Berlin calendar day of `at` and still standing:
 * an award reversed since (a vote taken back) no longer uses up the cap, so votes and unvotes in a
 * row neither exhaust the author's day nor let points drift from the number of votes.
 */
export async function awardedOnDay(db: Db, userId: number, reason: string, at: string): Promise<number> {
  const row = await one<{ sum: string | null }>(db,
    `SELECT sum(a.points) AS sum FROM recognition_ledger a
      WHERE a.user_id = $1 AND a.reason = $2 AND a.reverses_id IS NULL
        AND (a.created_at AT TIME ZONE 'Europe/Berlin')::date = ($3::timestamptz AT TIME ZONE 'Europe/Berlin')::date
        AND NOT EXISTS (SELECT 1 FROM recognition_ledger r WHERE r.reverses_id = a.id)`,
    [userId, reason, at]);
  return Number(row?.sum ?? 0);
}

export async function insertAward(db: Db, a: { userId: number; reason: string; points: number; fact: string; capped: boolean; at: string }): Promise<void> {
  await db.query(
    `INSERT INTO recognition_ledger (user_id, reason, points, fact, capped, created_at) VALUES ($1, $2, $3, $4, $5, LEAST($6::timestamptz, now()))`,
    [a.userId, a.reason, a.points, a.fact, a.capped, a.at],
  );
}

/** Writes a reversal for every award of the fact not reversed yet; returns how many. */
export async function reverseAwards(db: Db, fact: string): Promise<number> {
  return affected(db,
    `INSERT INTO recognition_ledger (user_id, reason, points, fact, reverses_id)
     SELECT a.user_id, a.reason, -a.points, a.fact, a.id FROM recognition_ledger a
      WHERE a.fact = $1 AND a.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM recognition_ledger r WHERE r.reverses_id = a.id)
     RETURNING id`, [fact]);
}

export async function stateValue(db: Db, key: string): Promise<string | null> {
  return (await one<{ value: string }>(db, `SELECT value FROM recognition_state WHERE key = $1`, [key]))?.value ?? null;
}

/** Sets a state value unless it is set already; false when another process got there first. */
export async function claimState(db: Db, key: string, value: string): Promise<boolean> {
  return (await rows(db, `INSERT INTO recognition_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`, [key, value])).length > 0;
}

/** Account deletion: the member's facts and ledger go; facts they caused for others keep, without them. */
export async function deleteLedgerOf(db: Db, userId: number): Promise<void> {
  await db.query(`DELETE FROM recognition_ledger WHERE user_id = $1`, [userId]);
  await db.query(`DELETE FROM recognition_facts WHERE user_id = $1`, [userId]);
  await db.query(`UPDATE recognition_facts SET actor_id = NULL WHERE actor_id = $1`, [userId]);
}

/**
 * Account deletion: the member's badges and micro-degrees become revoked tombstones without them
 * (the hosted assertion answers 410 with revoked: true), their recipient hash and salt erased.
 */
export async function revokeAssertionsOf(db: Db, userId: number): Promise<void> {
  await db.query(
    `UPDATE recognition_assertions
        SET user_id = NULL, revoked_at = coalesce(revoked_at, now()), revocation_reason = coalesce(revocation_reason, 'account deleted'),
            identity_hash = 'sha256$' || repeat('0', 64), salt = '', evidence = '[]', grant_reason = NULL
      WHERE user_id = $1`, [userId]);
  await db.query(`UPDATE recognition_assertions SET granted_by = NULL WHERE granted_by = $1`, [userId]);
  await db.query(`UPDATE recognition_assertions SET revoked_by = NULL WHERE revoked_by = $1`, [userId]);
}
