// Reads of the Kompetenzpass: the member's settings, what holds in recognition's own facts and
// assertions (no other module's tables), and the owner behind a share link.
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';
import type { Actor } from '../../shared/identity.js';
import type { PassVisibility } from './pass.entity.js';
import { passPolicy } from './pass.policy.js';

/** The kinds of facts the pass shows (helpful votes, verifications and the like only count points). */
export const PASS_KINDS = [
  'academy.certificate', 'usecase.published', 'forum.answer_accepted', 'guide.chapter_published',
  'event.attended', 'event.talk_given', 'prevote.topic_on_agenda',
] as const;

export interface PassSettings {
  visibility: PassVisibility;
  hasLink: boolean;
  linkCreatedAt: Date | null;
}

export async function passSettings(db: Queryable, userId: number): Promise<PassSettings> {
  const row = await one<{ visibility: PassVisibility; has_link: boolean; share_created_at: Date | null }>(db,
    `SELECT visibility, share_token_hash IS NOT NULL AS has_link, share_created_at FROM recognition_pass_settings WHERE user_id = $1`, [userId]);
  return { visibility: row?.visibility ?? 'network', hasLink: row?.has_link ?? false, linkCreatedAt: row?.share_created_at ?? null };
}

/** The active member whose public pass the token digest opens, or null (unknown, revoked, renewed, not public). */
export async function passOwnerByToken(db: Queryable, tokenHash: string): Promise<{ id: number; handle: string } | null> {
  return one<{ id: number; handle: string }>(db,
    `SELECT u.id, u.handle FROM recognition_pass_settings s JOIN users u ON u.id = s.user_id
      WHERE s.share_token_hash = $1 AND s.visibility = 'public' AND u.status = 'active'`, [tokenHash]);
}

export interface PassFact {
  kind: string;
  title: string;
  url: string;
  competences: string[];
  beganAt: Date;
}

/** What holds for the member, newest first. */
export async function passFacts(ds: DataSource, userId: number): Promise<PassFact[]> {
  return rows<PassFact>(ds,
    `SELECT kind, title, url, competences, began_at AS "beganAt" FROM recognition_facts
      WHERE user_id = $1 AND holds AND kind = ANY($2) ORDER BY began_at DESC, fact`, [userId, PASS_KINDS]);
}

export interface PassAssertion {
  id: string;
  kind: 'badge' | 'microdegree';
  classKey: string;
  grantedAt: Date;
  identityHash: string;
  salt: string;
  evidence: { url: string; title: string }[];
  grantReason: string | null;
}

/** The member's badges and micro-degrees that are not revoked, newest first. */
export async function passAssertions(ds: DataSource, userId: number): Promise<PassAssertion[]> {
  return rows<PassAssertion>(ds,
    `SELECT id, kind, class_key AS "classKey", granted_at AS "grantedAt", identity_hash AS "identityHash", salt, evidence, grant_reason AS "grantReason"
       FROM recognition_assertions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY granted_at DESC, id`, [userId]);
}

/** The privacy download: the settings, without the share token's digest (only whether a link exists). */
export async function exportPassSettings(ds: DataSource, userId: number): Promise<Record<string, unknown> | null> {
  return one(ds,
    `SELECT visibility, share_token_hash IS NOT NULL AS "shareLink", share_created_at AS "shareCreatedAt", updated_at AS "updatedAt"
       FROM recognition_pass_settings WHERE user_id = $1`, [userId]);
}

/** The address of the member's pass for their profile, when the viewer may open it; else null. */
export async function passHrefFor(ds: DataSource, userId: number, viewer: Actor | undefined): Promise<string | null> {
  const [row] = await preparedQuery<{ handle: string; visibility: PassVisibility | null }>(ds, 'recognition-pass-href',
    `SELECT u.handle, s.visibility FROM users u LEFT JOIN recognition_pass_settings s ON s.user_id = u.id WHERE u.id = $1`, [userId]);
  return row && passPolicy.canView(viewer, userId, row.visibility ?? 'network') ? `/members/${row.handle}/kompetenzpass` : null;
}
