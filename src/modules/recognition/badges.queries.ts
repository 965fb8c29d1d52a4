// Reads for badges: the facts a member's badges are evaluated over, grants, holders and counts.
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable as Q } from '../../db/sql.js';
import type { AssertionKind } from './assertion.entity.js';
import type { HeldFact } from './badges.model.js';

export interface Recipient {
  id: number;
  email: string;
  handle: string;
  name: string;
  status: string;
  language: string;
}

export async function recipientOf(db: Q, userId: number): Promise<Recipient | null> {
  return one<Recipient>(db, `SELECT id, email, handle, name, status, language FROM users WHERE id = $1`, [userId]);
}

export async function memberByHandle(db: Q, handle: string): Promise<Recipient | null> {
  return one<Recipient>(db, `SELECT id, email, handle, name, status, language FROM users WHERE handle = lower($1)`, [handle.trim().replace(/^@/, '')]);
}

/** What holds for the member, oldest first; acts on their own contribution do not count. */
export async function heldFactsOf(db: Q, userId: number): Promise<HeldFact[]> {
  return rows<HeldFact>(db,
    `SELECT kind, item_type AS "itemType", item_id AS "itemId", title, url FROM recognition_facts
      WHERE user_id = $1 AND holds AND actor_id IS DISTINCT FROM user_id ORDER BY began_at, fact`, [userId]);
}

/** 1 for the network's first active member (by registration), and so on. */
export async function memberRank(db: Q, userId: number): Promise<number | null> {
  const row = await one<{ rank: number }>(db,
    `SELECT 1 + (SELECT count(*)::int FROM users o WHERE o.status = 'active' AND (o.created_at, o.id) < (u.created_at, u.id)) AS rank
       FROM users u WHERE u.id = $1 AND u.status = 'active'`, [userId]);
  return row?.rank ?? null;
}

/** Who the one-time backfill checks: members with facts, and the first `firstMembers` members. */
export async function membersToBackfill(db: Q, firstMembers: number): Promise<number[]> {
  const found = await rows<{ id: number }>(db,
    `SELECT DISTINCT user_id AS id FROM recognition_facts WHERE holds
     UNION SELECT id FROM (SELECT id FROM users WHERE status = 'active' ORDER BY created_at, id LIMIT $1) f`, [firstMembers]);
  return found.map((r) => r.id).sort((a, b) => a - b);
}

export interface GrantRow {
  id: string;
  kind: AssertionKind;
  classKey: string;
  userId: number | null;
  sourceKey: string;
  grantedAt: Date;
  grantedBy: number | null;
  grantReason: string | null;
  evidence: { url: string; title: string }[];
  identityHash: string;
  salt: string;
  revokedAt: Date | null;
  revocationReason: string | null;
}

const GRANT_COLS = `a.id, a.kind, a.class_key AS "classKey", a.user_id AS "userId", a.source_key AS "sourceKey", a.granted_at AS "grantedAt",
  a.granted_by AS "grantedBy", a.grant_reason AS "grantReason", a.evidence, a.identity_hash AS "identityHash", a.salt,
  a.revoked_at AS "revokedAt", a.revocation_reason AS "revocationReason"`;

export async function assertionById(db: Q, id: string): Promise<GrantRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return one<GrantRow>(db, `SELECT ${GRANT_COLS} FROM recognition_assertions a WHERE a.id = $1`, [id]);
}

/** The member's badges that stand (not revoked), oldest first. */
export async function badgesOf(db: Q, userId: number): Promise<GrantRow[]> {
  return preparedQuery<GrantRow>(db, 'recognition-badges-of',
    `SELECT ${GRANT_COLS} FROM recognition_assertions a WHERE a.user_id = $1 AND a.kind = 'badge' AND a.revoked_at IS NULL ORDER BY a.granted_at, a.id`, [userId]);
}

/** How many members hold each badge (standing grants). */
export async function holderCounts(db: Q): Promise<Map<string, number>> {
  const found = await rows<{ key: string; n: number }>(db,
    `SELECT class_key AS key, count(DISTINCT user_id)::int AS n FROM recognition_assertions
      WHERE kind = 'badge' AND revoked_at IS NULL AND user_id IS NOT NULL GROUP BY class_key`);
  return new Map(found.map((r) => [r.key, r.n]));
}

export interface HolderRow extends GrantRow {
  handle: string;
  name: string;
}

/** A badge's standing grants with their members, newest first (facilitators' list). */
export async function holdersOf(db: Q, key: string, limit = 200): Promise<HolderRow[]> {
  return rows<HolderRow>(db,
    `SELECT ${GRANT_COLS}, u.handle, u.name FROM recognition_assertions a JOIN users u ON u.id = a.user_id
      WHERE a.kind = 'badge' AND a.class_key = $1 AND a.revoked_at IS NULL ORDER BY a.granted_at DESC, a.id LIMIT $2`, [key, limit]);
}

/** The first `n` active members (by registration) who do not hold the badge yet (also not revoked). */
export async function firstMembersWithout(db: Q, key: string, n: number): Promise<number[]> {
  const found = await rows<{ id: number }>(db,
    `SELECT f.id FROM (SELECT id FROM users WHERE status = 'active' ORDER BY created_at, id LIMIT $2) f
      WHERE NOT EXISTS (SELECT 1 FROM recognition_assertions a WHERE a.kind = 'badge' AND a.class_key = $1 AND a.user_id = f.id)`, [key, n]);
  return found.map((r) => r.id);
}
