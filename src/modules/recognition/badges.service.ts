// Badge grants: the worker checks a member's badges whenever their facts change (topic
// recognition.check) and grants what they earned as Open Badges 2.0 assertions; facilitators grant
// manual badges and revoke grants, audited. Decision: a grant stays when a fact that earned it later
// stops holding (a vote withdrawn, a reply hidden) — badges are not taken back automatically, a
// facilitator revokes one when it was wrong; a revoked grant is never granted again by the worker.
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { hashIdentity, newSalt } from '../../shared/open-badges.js';
import type { Actor } from '../../shared/identity.js';
import { recordAudit } from '../audit/index.js';
import type { AppContext } from '../module.js';
import { notify } from '../notifications/index.js';
import { badgeByKey, badgeDefinitions, type BadgeDefinition } from './badges.definitions.js';
import { earnedGrants, type Evidence } from './badges.model.js';
import { canManageBadges } from './badges.policy.js';
import * as q from './badges.queries.js';
import * as store from './badges.store.js';
import { claimState } from './ledger.store.js';
import { RECOGNITION_CHECK_TOPIC } from './recognition.topics.js';
import { addToOutbox } from '../../shared/outbox.js';

async function grant(db: Db, badge: BadgeDefinition, member: q.Recipient, g: { sourceKey: string; evidence: Evidence[]; by?: number; reason?: string }): Promise<string | null> {
  const salt = newSalt();
  const id = await store.insertGrant(db, {
    classKey: badge.key, userId: member.id, sourceKey: g.sourceKey, evidence: g.evidence,
    identityHash: hashIdentity(member.email, salt), salt, grantedBy: g.by ?? null, grantReason: g.reason ?? null,
  });
  if (id) {
    const lang = member.language === 'en' ? 'en' : 'de';
    await notify(db, {
      userId: member.id, kind: 'recognition.badge', title: badge[lang].name, language: lang, url: `/recognition/assertions/${id}/verify`,
      actorId: g.by ?? null, subjectType: 'recognition_badge', subjectId: badge.key,
    });
  }
  return id;
}

/**
 * Grants the member every badge their facts earn that they do not hold yet (idempotent: the
 * grant's unique key makes a repeat do nothing); returns the new grants' ids. Members whose
 * account is not active are not checked.
 */
export async function checkBadges(db: Db, userId: number, defs: BadgeDefinition[] = badgeDefinitions()): Promise<string[]> {
  const member = await q.recipientOf(db, userId);
  if (!member || member.status !== 'active') return [];
  const facts = await q.heldFactsOf(db, userId);
  const rank = defs.some((d) => d.criteria.type === 'member_rank') ? await q.memberRank(db, userId) : null;
  const ids: string[] = [];
  for (const e of earnedGrants(defs, facts, rank)) {
    const id = await grant(db, e.badge, member, e);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * Checks every member with facts, and the first members for the member-rank badges, once per
 * database (run after the ledger's backfill). Returns the number of grants.
 */
export async function backfillBadges(ctx: AppContext): Promise<number> {
  const claimed = await inTransaction(ctx.ds, (db) => claimState(db, 'badges-backfill', new Date().toISOString()));
  if (!claimed) return 0;
  const firstMembers = Math.max(0, ...badgeDefinitions().map((d) => (d.criteria.type === 'member_rank' ? d.criteria.max : 0)));
  let n = 0;
  for (const userId of await q.membersToBackfill(ctx.ds, firstMembers)) {
    n += (await inTransaction(ctx.ds, (db) => checkBadges(db, userId))).length;
  }
  return n;
}

/**
 * Member-rank badges (pioneer) for members who have no fact yet (they are checked with their first
 * one): the first members without the badge are checked. Cheap (N members); run by housekeeping.
 */
export async function checkRankBadges(ctx: AppContext, defs: BadgeDefinition[] = badgeDefinitions()): Promise<number> {
  let n = 0;
  for (const d of defs) {
    if (d.criteria.type !== 'member_rank') continue;
    for (const userId of await q.firstMembersWithout(ctx.ds, d.key, d.criteria.max)) {
      n += (await inTransaction(ctx.ds, (db) => checkBadges(db, userId, [d]))).length;
    }
  }
  return n;
}

/** A facilitator grants a manual badge to a member (by handle), with a reason; audited, the member notified. */
export async function grantManualBadge(ctx: AppContext, actor: Actor, key: string, input: { handle: string; reason: string }): Promise<string> {
  if (!canManageBadges(actor)) throw forbidden();
  const badge = badgeByKey(key);
  if (!badge) throw notFound();
  if (badge.criteria.type !== 'manual') throw conflict('recognition.badges.grant.notManual');
  return inTransaction(ctx.ds, async (db) => {
    const member = await q.memberByHandle(db, input.handle);
    if (!member || member.status !== 'active') throw invalid('validation.summary', { handle: 'recognition.badges.grant.unknownMember' });
    const id = await grant(db, badge, member, { sourceKey: '', evidence: [], by: actor.id, reason: input.reason });
    if (!id) throw invalid('validation.summary', { handle: 'recognition.badges.grant.alreadyHeld' });
    // A micro-degree may require this badge.
    await addToOutbox(db, RECOGNITION_CHECK_TOPIC, { userId: member.id }, { key: `recognition.check:${member.id}` });
    await recordAudit(db, { actorId: actor.id, action: 'recognition.badge.grant', subjectType: 'recognition_assertion', subjectId: id, reason: input.reason, details: { badge: key, member: member.handle } });
    return id;
  });
}

/** A facilitator revokes a badge or micro-degree with a reason; audited. Its hosted assertion then answers 410. */
export async function revokeBadge(ctx: AppContext, actor: Actor, assertionId: string, reason: string): Promise<void> {
  if (!canManageBadges(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const revoked = await store.revokeGrant(db, assertionId, actor.id, reason);
    if (!revoked) {
      const a = await q.assertionById(db, assertionId);
      if (!a) throw notFound();
      throw conflict('recognition.badges.revoke.already');
    }
    // Badges and micro-degrees alike: one kind of assertion, one revocation.
    await recordAudit(db, {
      actorId: actor.id, action: `recognition.${revoked.kind}.revoke`, subjectType: 'recognition_assertion', subjectId: assertionId, reason,
      details: revoked.kind === 'badge' ? { badge: revoked.classKey } : { slug: revoked.classKey },
    });
  });
}
