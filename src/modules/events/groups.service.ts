// Writes for working groups: creating and editing a group, and every membership change (join,
// request, approve, decline, invite, accept, leave, remove, promote, demote). Each runs in one
// transaction under the group's row lock: load → authorise with the policy → write → audit entry,
// notifications, discussion membership and search index in the same transaction.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { eventsPolicy as policy, type Actor, type GroupStanding } from './events.policy.js';
import { openDiscussion, syncDiscussionMember } from './groups.discussion.js';
import type { GroupRow } from './groups.queries.js';
import type { GroupInput } from './groups.schemas.js';
import * as store from './groups.store.js';

const groupUrl = (g: { slug: string }) => `/groups/${g.slug}`;

/** The group, locked, with the actor's standing; 404 when there is none or the actor may not see it. */
async function loadForWrite(db: Db, actor: Actor | undefined, slug: string): Promise<{ group: GroupRow; me: GroupStanding | null }> {
  if (!actor || !policy.canSeeGroup(actor)) throw notFound();
  const group = await store.lockGroup(db, slug);
  if (!group) throw notFound();
  return { group, me: await store.memberStanding(db, group.id, actor.id) };
}

async function tell(db: Db, group: GroupRow, userIds: number[], kind: string, actorId: number, url = groupUrl(group)): Promise<void> {
  for (const userId of new Set(userIds)) {
    await notify(db, { userId, kind, title: group.name, language: group.language, url, actorId, subjectType: 'working_group', subjectId: group.id });
  }
}

const leadIds = async (db: Db, groupId: number) => (await store.leadsOf(db, groupId)).map((l) => l.id);

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name, 70);
  const taken = new Set(await store.groupSlugsLike(db, base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The named leads as active members of the network; a 422 on the field naming the unknown handles. */
async function leadsFrom(db: Db, handles: string[]): Promise<store.Person[]> {
  const found = await store.activeUsersByHandles(db, handles);
  if (found.length !== handles.length) throw invalid('validation.summary', { leads: 'groups.validation.unknownLeads' });
  return found;
}

/** A facilitator creates a group; the named leads become its first members. Returns the slug. */
export async function createGroup(ctx: AppContext, actor: Actor | undefined, input: GroupInput): Promise<string> {
  if (!policy.canCreateGroup(actor)) throw forbidden();
  const html = renderMarkdown(input.purpose, 'purpose');
  return inTransaction(ctx.ds, async (db) => {
    const leads = await leadsFrom(db, input.leads);
    let slug = await uniqueSlug(db, input.name);
    let id = await store.insertGroup(db, slug, input, html, actor!.id);
    if (id === null) {
      slug = `${slug}-${randomBytes(3).toString('hex')}`;
      id = await store.insertGroup(db, slug, input, html, actor!.id);
      if (id === null) throw conflict('groups.form.tryAgain');
    }
    for (const lead of leads) await store.putMember(db, id, lead.id, 'lead', 'active', actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.created', subjectType: 'working_group', subjectId: id, details: { name: input.name } });
    const group = (await store.lockGroup(db, slug))!;
    const categoryId = await openDiscussion(db, group, actor!.id);
    if (categoryId !== group.categoryId) await store.setGroupCategory(db, id, categoryId);
    const withCategory = { ...group, categoryId };
    for (const lead of leads) await syncDiscussionMember(db, withCategory, lead.id, true);
    await tell(db, group, leads.map((l) => l.id), 'group.leadAppointed', actor!.id);
    await queueSearchIndex(db, 'group', id);
    return slug;
  });
}

/**
 * The group's leads or a facilitator edit it. The leads named must be active members of the group;
 * members no longer named step down to members (at least one lead stays, as the form requires one).
 */
export async function updateGroup(ctx: AppContext, actor: Actor | undefined, slug: string, input: GroupInput): Promise<string> {
  const html = renderMarkdown(input.purpose, 'purpose');
  return inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canManageGroup(actor, me)) throw forbidden();
    const leads = await leadsFrom(db, input.leads);
    const active = new Set(await store.activeMemberIds(db, group.id));
    if (leads.some((l) => !active.has(l.id))) throw invalid('validation.summary', { leads: 'groups.validation.leadNotMember' });
    const before = new Set(await leadIds(db, group.id));
    const after = new Set(leads.map((l) => l.id));
    for (const id of after) if (!before.has(id)) await store.setMemberRole(db, group.id, id, 'lead', actor!.id);
    for (const id of before) if (!after.has(id)) await store.setMemberRole(db, group.id, id, 'member', actor!.id);
    await store.updateGroup(db, group.id, input, html);
    await recordAudit(db, {
      actorId: actor!.id, action: 'working_group.updated', subjectType: 'working_group', subjectId: group.id,
      details: { name: input.name, membership: input.membership },
    });
    await tell(db, { ...group, name: input.name }, [...after].filter((id) => !before.has(id)), 'group.leadAppointed', actor!.id);
    await queueSearchIndex(db, 'group', group.id);
    return group.slug;
  });
}

/** Open groups: join at once (also how an invited member joins an open group). */
export async function joinGroup(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (me?.status === 'active') throw conflict('groups.membership.alreadyMember');
    if (!policy.canJoinGroup(actor, group.membership, me)) throw forbidden();
    await store.putMember(db, group.id, actor!.id, 'member', 'active', null);
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.joined', subjectType: 'working_group', subjectId: group.id });
    await syncDiscussionMember(db, group, actor!.id, true);
    await tell(db, group, await leadIds(db, group.id), 'group.joined', actor!.id);
  });
}

/** Groups on request: ask to join; the leads are told and decide. */
export async function requestMembership(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (me) throw conflict(`groups.membership.already.${me.status}`);
    if (!policy.canRequestGroup(actor, group.membership, me)) throw forbidden();
    await store.putMember(db, group.id, actor!.id, 'member', 'requested', null);
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.requested', subjectType: 'working_group', subjectId: group.id });
    await tell(db, group, await leadIds(db, group.id), 'group.requested', actor!.id, `${groupUrl(group)}#requests`);
  });
}

/** A lead (or facilitator) approves or declines a request. */
export async function decideRequest(ctx: AppContext, actor: Actor | undefined, slug: string, userId: number, approve: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canDecideMembership(actor, me)) throw forbidden();
    const them = await store.memberStanding(db, group.id, userId);
    if (them?.status !== 'requested') throw notFound();
    if (approve) {
      await store.putMember(db, group.id, userId, 'member', 'active', actor!.id);
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.approved', subjectType: 'working_group', subjectId: group.id, details: { userId } });
      await syncDiscussionMember(db, group, userId, true);
    } else {
      await store.deleteMember(db, group.id, userId);
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.declined', subjectType: 'working_group', subjectId: group.id, details: { userId } });
    }
    await tell(db, group, [userId], approve ? 'group.approved' : 'group.declined', actor!.id);
  });
}

/** A lead (or facilitator) invites a member of the network by handle; the invitee accepts or declines. */
export async function inviteMember(ctx: AppContext, actor: Actor | undefined, slug: string, handle: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canDecideMembership(actor, me)) throw forbidden();
    const [invitee] = await store.activeUsersByHandles(db, [handle]);
    if (!invitee) throw invalid('validation.summary', { handle: 'groups.validation.unknownMember' });
    const them = await store.memberStanding(db, group.id, invitee.id);
    if (them?.status === 'active' || them?.status === 'invited') throw invalid('validation.summary', { handle: `groups.validation.already.${them.status}` });
    if (them?.status === 'requested') {
      // They asked already: the invitation is the approval.
      await store.putMember(db, group.id, invitee.id, 'member', 'active', actor!.id);
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.approved', subjectType: 'working_group', subjectId: group.id, details: { userId: invitee.id } });
      await syncDiscussionMember(db, group, invitee.id, true);
      await tell(db, group, [invitee.id], 'group.approved', actor!.id);
      return;
    }
    await store.putMember(db, group.id, invitee.id, 'member', 'invited', actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.invited', subjectType: 'working_group', subjectId: group.id, details: { userId: invitee.id } });
    await tell(db, group, [invitee.id], 'group.invited', actor!.id, `${groupUrl(group)}#membership`);
  });
}

/** The invitee accepts or declines; the leads are told. */
export async function answerInvitation(ctx: AppContext, actor: Actor | undefined, slug: string, accept: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canAnswerInvitation(actor, me)) throw notFound();
    if (accept) {
      await store.putMember(db, group.id, actor!.id, 'member', 'active', null);
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.invitation_accepted', subjectType: 'working_group', subjectId: group.id });
      await syncDiscussionMember(db, group, actor!.id, true);
    } else {
      await store.deleteMember(db, group.id, actor!.id);
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.invitation_declined', subjectType: 'working_group', subjectId: group.id });
    }
    await tell(db, group, await leadIds(db, group.id), accept ? 'group.invitationAccepted' : 'group.invitationDeclined', actor!.id);
  });
}

/** The last lead cannot go (or step down): someone else must be named lead first. */
async function assertAnotherLead(db: Db, groupId: number, userId: number, standing: GroupStanding | null): Promise<void> {
  if (standing?.status !== 'active' || standing.role !== 'lead') return;
  if ((await leadIds(db, groupId)).filter((id) => id !== userId).length === 0) throw conflict('groups.membership.lastLead');
}

/** Leaving the group, or withdrawing one's request. */
export async function leaveGroup(ctx: AppContext, actor: Actor | undefined, slug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canLeaveGroup(actor, me)) throw notFound();
    await assertAnotherLead(db, group.id, actor!.id, me);
    await store.deleteMember(db, group.id, actor!.id);
    if (me!.status === 'active') {
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.left', subjectType: 'working_group', subjectId: group.id });
      await syncDiscussionMember(db, group, actor!.id, false);
      await tell(db, group, await leadIds(db, group.id), 'group.left', actor!.id);
    } else {
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.request_withdrawn', subjectType: 'working_group', subjectId: group.id });
    }
  });
}

/** A lead (or facilitator) removes a member, or withdraws an invitation. */
export async function removeMember(ctx: AppContext, actor: Actor | undefined, slug: string, userId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canDecideMembership(actor, me)) throw forbidden();
    const them = await store.memberStanding(db, group.id, userId);
    if (!them) throw notFound();
    await assertAnotherLead(db, group.id, userId, them);
    await store.deleteMember(db, group.id, userId);
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.removed', subjectType: 'working_group', subjectId: group.id, details: { userId, status: them.status } });
    if (them.status === 'active') {
      await syncDiscussionMember(db, group, userId, false);
      await tell(db, group, [userId], 'group.removed', actor!.id);
    }
  });
}

/** Names an active member lead, or lets a lead step down to member (at least one lead stays). */
export async function setLead(ctx: AppContext, actor: Actor | undefined, slug: string, userId: number, lead: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await loadForWrite(db, actor, slug);
    if (!policy.canDecideMembership(actor, me)) throw forbidden();
    const them = await store.memberStanding(db, group.id, userId);
    if (them?.status !== 'active') throw notFound();
    if ((them.role === 'lead') === lead) return;
    if (!lead) await assertAnotherLead(db, group.id, userId, them);
    await store.setMemberRole(db, group.id, userId, lead ? 'lead' : 'member', actor!.id);
    if (lead) await recordAudit(db, { actorId: actor!.id, action: 'working_group.lead_promoted', subjectType: 'working_group', subjectId: group.id, details: { userId } });
    else await recordAudit(db, { actorId: actor!.id, action: 'working_group.lead_demoted', subjectType: 'working_group', subjectId: group.id, details: { userId } });
    await tell(db, group, [userId], lead ? 'group.leadAppointed' : 'group.leadDemoted', actor!.id);
  });
}
