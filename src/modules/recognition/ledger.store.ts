// Writes of the facts and the points ledger. Every function takes the transaction's `db`.
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';
import type { ActivityEvent } from '../../shared/activity.js';

export interface FactRow {
  fact: string;
  userId: number;
  holds: boolean;
  version: number;
}

/** The fact, locked for this transaction; created (not holding, version -1) when it is new; null for a deleted member. */
export async function lockFact(db: Db, e: ActivityEvent): Promise<FactRow | null> {
  // A member who deleted their account gets no new facts (an event may still be on its way).
  await db.query(
    `INSERT INTO recognition_facts (fact, kind, user_id, holds, version, item_type, item_id, began_at)
     SELECT $1, $2, u.id, false, -1, $4, $5, $6 FROM users u WHERE u.id = $3 AND u.status <> 'deleted'
     ON CONFLICT (fact) DO NOTHING`,
    [e.fact, e.kind, e.beneficiaryId, e.item.type, String(e.item.id), e.at ?? new Date().toISOString()],
  );
  const row = await one<{ fact: string; user_id: number; holds: boolean; version: string }>(db,
    `SELECT fact, user_id, holds, version FROM recognition_facts WHERE fact = $1 FOR UPDATE`, [e.fact]);
  return row ? { fact: row.fact, userId: row.user_id, holds: row.holds, version: Number(row.version) } : null;
}

export async function updateFact(db: Db, e: ActivityEvent, version: number, began: boolean): Promise<void> {
  await db.query(
    `UPDATE recognition_facts SET holds = $2, version = $3, actor_id = $4, title = coalesce($5, title), url = coalesce($6, url), competences = $7,
            began_at = CASE WHEN $8::boolean THEN $9::timestamptz ELSE began_at END, updated_at = now()
      WHERE fact = $1`,
    [e.fact, e.holds, version, e.actorId, e.item.title ?? null, e.item.url ?? null, e.competences ?? [], began, e.at ?? new Date().toISOString()],
  );
}

/** Whether the member may earn points now (an account that is not active earns none). */
export async function mayEarn(db: Db, userId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM users WHERE id = $1 AND status = 'active'`, [userId]));
}

/**
 * Points the member holds from the reason's awards of the Berlin calendar day of `at`: awards since
 * reversed no longer count, so a withdrawn vote frees its share of the daily cap.
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

export async function releaseState(db: Db, key: string): Promise<void> {
  await db.query(`DELETE FROM recognition_state WHERE key = $1`, [key]);
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

/**
 * The item's title and address leave an applied activity row (the ledger's fact keeps them), so
 * handled outbox rows, kept for a while, hold no text of anybody's contribution.
 */
export async function scrubActivityRow(db: Db, outboxId: number): Promise<void> {
  await db.query(`UPDATE outbox SET payload = jsonb_set(payload, '{item}', (payload -> 'item') - 'title' - 'url') WHERE id = $1 AND payload ? 'item'`, [outboxId]);
}

/** Account deletion: activity rows still waiting for the worker lose the member's item titles too. */
export async function scrubPendingActivityOf(db: Db, userId: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET payload = jsonb_set(payload, '{item}', (payload -> 'item') - 'title' - 'url')
      WHERE topic = 'activity' AND processed_at IS NULL AND payload ? 'item' AND (payload ->> 'beneficiaryId')::integer = $1`, [userId]);
}

/** Which of these facts the ledger knows already. */
export async function knownFacts(db: Queryable, facts: string[]): Promise<Set<string>> {
  return new Set((await rows<{ fact: string }>(db, `SELECT fact FROM recognition_facts WHERE fact = ANY($1::text[])`, [facts])).map((r) => r.fact));
}
