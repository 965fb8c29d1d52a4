// View objects for the working-group pages: plain objects built from the queries' rows and the
// policy's decisions (templates never see entities).
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { notFound } from '../../shared/errors.js';
import { eventsPolicy as policy, type Actor, type GroupStanding } from './events.policy.js';
import { DEFAULT_GROUP_THEMES, GROUP_MEMBERSHIP } from './group.entity.js';
import { pubUrl } from './groups.publications.js';
import * as q from './groups.queries.js';
import { citingChapters } from './promote.views.js';

export const themeOptions = (req: Request) => DEFAULT_GROUP_THEMES.map((value) => ({ value, label: req.t(`groups.themes.${value}`) }));
export const membershipOptions = (req: Request) =>
  GROUP_MEMBERSHIP.map((value) => ({ value, label: req.t(`groups.membership.${value}`), hint: req.t(`groups.membershipHint.${value}`) }));
export const languageOptions = (req: Request) => (['de', 'en'] as const).map((value) => ({ value, label: req.t(`groups.languages.${value}`) }));

/** The group and the viewer's standing; 404 when there is none or the viewer may not see groups. */
export async function groupFor(ds: DataSource, actor: Actor | undefined, slug: string): Promise<{ group: q.GroupRow; me: GroupStanding | null }> {
  if (!policy.canSeeGroup(actor)) throw notFound();
  const group = await q.groupBySlug(ds, slug);
  if (!group) throw notFound();
  return { group, me: await q.standingOf(ds, group.id, actor?.id) };
}

const eventView = (e: q.MeetingRow) => ({ ...e, url: `/events/${e.id}-${e.slug}`, groupOnly: e.visibility === 'group' });

export async function showLocals(ds: DataSource, req: Request, slug: string) {
  const actor = req.user;
  const { group, me } = await groupFor(ds, actor, slug);
  const insider = policy.canSeeGroupPrivate(actor, me);
  const decide = policy.canDecideMembership(actor, me);
  const [people, meetings, publications, useCases] = await Promise.all([
    q.membersOf(ds, group.id), q.meetingsOf(ds, group.id, insider), q.publicationsOf(ds, group.id, insider), q.linkedUseCasesOf(ds, group.id),
  ]);
  const active = people.filter((p) => p.status === 'active');
  const leadCount = active.filter((p) => p.role === 'lead').length;
  return {
    title: group.name,
    titleLang: group.language,
    group: {
      ...group,
      themes: group.themes.map((k) => ({ key: k, label: req.t(`groups.themes.${k}`) })),
      membershipLabel: req.t(`groups.membership.${group.membership}`),
    },
    me,
    myStatusText: me ? req.t(`groups.standing.${me.status === 'active' ? me.role : me.status}`) : null,
    can: {
      edit: policy.canManageGroup(actor, me),
      join: policy.canJoinGroup(actor, group.membership, me),
      request: policy.canRequestGroup(actor, group.membership, me),
      answer: policy.canAnswerInvitation(actor, me),
      leave: policy.canLeaveGroup(actor, me),
      decide,
      write: policy.canWritePublication(actor, me),
      link: policy.canLinkUseCase(actor, me),
    },
    members: active.map((p) => ({
      ...p, isLead: p.role === 'lead', isMe: p.userId === actor?.id,
      canRemove: decide && p.userId !== actor?.id && !(p.role === 'lead' && leadCount <= 1),
      canPromote: decide && p.role !== 'lead',
      canDemote: decide && p.role === 'lead' && leadCount > 1,
    })),
    requests: decide ? people.filter((p) => p.status === 'requested') : [],
    invitations: decide ? people.filter((p) => p.status === 'invited') : [],
    upcoming: meetings.upcoming.map(eventView),
    past: meetings.past.map(eventView),
    publications: publications.map((p) => ({ ...p, url: `/groups/${group.slug}/publications/${p.slug}`, statusLabel: req.t(`groups.publications.status.${p.status}`), published: p.status === 'published' })),
    useCases: useCases.map((u) => ({ ...u, canUnlink: policy.canLinkUseCase(actor, me) })),
    discussionUrl: insider && group.categorySlug ? `/forum/c/${group.categorySlug}` : null,
  };
}

export async function publicationLocals(ds: DataSource, req: Request, slug: string, pubSlug: string) {
  const actor = req.user;
  const { group, me } = await groupFor(ds, actor, slug);
  const pub = await q.publicationBySlug(ds, group.id, pubSlug);
  if (!pub || !policy.canSeePublication(actor, pub.status, me)) throw notFound();
  const review = policy.canReviewPublication(actor, me);
  const published = pub.status === 'published';
  const url = pubUrl(group, pub);
  return {
    title: pub.title,
    titleLang: pub.language,
    group: { slug: group.slug, name: group.name, language: group.language },
    pub: { ...pub, url, statusLabel: req.t(`groups.publications.status.${pub.status}`), published },
    revisions: await q.revisionsOf(ds, pub.id),
    /** Published guide chapters promoted from it ("now part of the guide …"). */
    citedBy: published ? await citingChapters(ds, url) : [],
    can: {
      edit: published ? review : policy.canWritePublication(actor, me),
      submit: pub.status === 'draft' && policy.canWritePublication(actor, me),
      review: pub.status === 'in_review' && review,
      promote: published && policy.canPromoteResults(actor),
    },
  };
}
