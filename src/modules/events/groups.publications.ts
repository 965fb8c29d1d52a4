// A working group's results: publications written by the group's members as drafts (every save a
// revision), submitted for review, and published (or returned with a comment) by a lead or a
// facilitator; a published one promoted to a guide chapter by a facilitator (as the event's
// minutes: promote.service.ts); and the published use cases the group links. Drafts are never
// indexed for search.
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
import type { GroupRow, PublicationRow } from './groups.queries.js';
import type { PublicationInput } from './groups.schemas.js';
import type { PromoteInput } from './promote.schemas.js';
import { promoteIntoGuide } from './promote.service.js';
import * as store from './groups.store.js';

async function groupForWrite(db: Db, actor: Actor | undefined, slug: string): Promise<{ group: GroupRow; me: GroupStanding | null }> {
  if (!actor) throw notFound();
  const group = await store.lockGroup(db, slug);
  if (!group) throw notFound();
  return { group, me: await store.memberStanding(db, group.id, actor.id) };
}

/** The publication, locked; 404 for anyone who may not see it (a non-member asking for a draft). */
async function publicationForWrite(db: Db, actor: Actor | undefined, slug: string, pubSlug: string) {
  const { group, me } = await groupForWrite(db, actor, slug);
  const pub = await store.lockPublication(db, group.id, pubSlug);
  if (!pub || !policy.canSeePublication(actor, pub.status, me)) throw notFound();
  return { group, me, pub };
}

/** A publication's address (also what a guide chapter promoted from it cites). */
export const pubUrl = (group: Pick<GroupRow, 'slug'>, pub: { slug: string }) => `/groups/${group.slug}/publications/${pub.slug}`;

async function tell(db: Db, userIds: (number | null)[], kind: string, pub: Pick<PublicationRow, 'id' | 'title' | 'language'>, url: string, actorId: number): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId === null) continue;
    await notify(db, { userId, kind, title: pub.title, language: pub.language, url, actorId, subjectType: 'group_publication', subjectId: pub.id });
  }
}

/** A group member starts a draft (revision 1). Returns the publication's slug. */
export async function createPublication(ctx: AppContext, actor: Actor | undefined, slug: string, input: PublicationInput): Promise<string> {
  const html = renderMarkdown(input.body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const { group, me } = await groupForWrite(db, actor, slug);
    if (!policy.canWritePublication(actor, me)) throw forbidden();
    const base = slugify(input.title, 70);
    const taken = new Set(await store.publicationSlugsLike(db, group.id, base));
    let pubSlug = base;
    for (let n = 2; taken.has(pubSlug); n++) pubSlug = `${base}-${n}`;
    let id = await store.insertPublication(db, group.id, pubSlug, input, html, actor!.id);
    if (id === null) {
      pubSlug = `${pubSlug}-${randomBytes(3).toString('hex')}`;
      id = await store.insertPublication(db, group.id, pubSlug, input, html, actor!.id);
      if (id === null) throw conflict('groups.form.tryAgain');
    }
    await store.insertRevision(db, id, 1, input.title, input.body, actor!.id);
    return pubSlug;
  });
}

/**
 * Saves a new version. Drafts and drafts in review: the group's members; a published result: its
 * reviewers (leads, facilitators), so what is public has been looked at.
 */
export async function updatePublication(ctx: AppContext, actor: Actor | undefined, slug: string, pubSlug: string, input: PublicationInput): Promise<void> {
  const html = renderMarkdown(input.body, 'body');
  await inTransaction(ctx.ds, async (db) => {
    const { me, pub } = await publicationForWrite(db, actor, slug, pubSlug);
    const may = pub.status === 'published' ? policy.canReviewPublication(actor, me) : policy.canWritePublication(actor, me);
    if (!may) throw forbidden();
    if (pub.title === input.title && pub.bodySource === input.body && pub.language === input.language) return;
    const version = pub.version + 1;
    await store.updatePublication(db, pub.id, input, html, version);
    await store.insertRevision(db, pub.id, version, input.title, input.body, actor!.id);
    if (pub.status === 'published') await queueSearchIndex(db, 'group_result', pub.id);
  });
}

/** A draft goes to review; the leads are told. */
export async function submitPublication(ctx: AppContext, actor: Actor | undefined, slug: string, pubSlug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me, pub } = await publicationForWrite(db, actor, slug, pubSlug);
    if (!policy.canWritePublication(actor, me)) throw forbidden();
    if (pub.status !== 'draft') throw conflict('groups.publications.notDraft');
    await store.submitPublication(db, pub.id);
    await recordAudit(db, { actorId: actor!.id, action: 'group_publication.submitted', subjectType: 'group_publication', subjectId: pub.id });
    await tell(db, (await store.leadsOf(db, group.id)).map((l) => l.id), 'group.publicationSubmitted', pub, pubUrl(group, pub), actor!.id);
  });
}

/** A lead or facilitator publishes a submitted draft: visible to the network and indexed; the group is told. */
export async function publishPublication(ctx: AppContext, actor: Actor | undefined, slug: string, pubSlug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me, pub } = await publicationForWrite(db, actor, slug, pubSlug);
    if (!policy.canReviewPublication(actor, me)) throw forbidden();
    if (pub.status !== 'in_review') throw conflict('groups.publications.notInReview');
    await store.publishPublication(db, pub.id, actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'group_publication.published', subjectType: 'group_publication', subjectId: pub.id });
    await tell(db, [pub.authorId, ...(await store.activeMemberIds(db, group.id))], 'group.publicationPublished', pub, pubUrl(group, pub), actor!.id);
    await queueSearchIndex(db, 'group_result', pub.id);
  });
}

/** A lead or facilitator returns a submitted draft with a comment; the author is told. */
export async function returnPublication(ctx: AppContext, actor: Actor | undefined, slug: string, pubSlug: string, comment: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me, pub } = await publicationForWrite(db, actor, slug, pubSlug);
    if (!policy.canReviewPublication(actor, me)) throw forbidden();
    if (pub.status !== 'in_review') throw conflict('groups.publications.notInReview');
    await store.returnPublication(db, pub.id, actor!.id, comment);
    await recordAudit(db, { actorId: actor!.id, action: 'group_publication.returned', subjectType: 'group_publication', subjectId: pub.id, reason: comment });
    await tell(db, [pub.authorId], 'group.publicationReturned', pub, pubUrl(group, pub), actor!.id);
  });
}

/**
 * A facilitator takes a published publication (or the part of it they keep) into a chapter of a
 * published guide, appended or new, as a draft revision for the guide's review; the chapter cites
 * the publication. Drafts and drafts in review: 409.
 */
export async function promotePublication(ctx: AppContext, actor: Actor | undefined, slug: string, pubSlug: string, input: PromoteInput): Promise<{ guideSlug: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const { group, pub } = await publicationForWrite(db, actor, slug, pubSlug);
    if (!policy.canPromoteResults(actor)) throw forbidden();
    if (pub.status !== 'published') throw conflict('groups.publications.promote.notPublished');
    const { guideSlug, revisionId } = await promoteIntoGuide(db, actor, input,
      { url: pubUrl(group, pub), title: pub.title, message: `Aus dem Arbeitskreis übernommen: ${pub.title}` });
    await recordAudit(db, { actorId: actor!.id, action: 'group_publication.promoted', subjectType: 'group_publication', subjectId: pub.id, details: { guideSlug, revisionId } });
    return { guideSlug };
  });
}

/** A group member links a published use case (by its slug) as a result of the group. */
export async function linkUseCase(ctx: AppContext, actor: Actor | undefined, slug: string, useCaseSlug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await groupForWrite(db, actor, slug);
    if (!policy.canLinkUseCase(actor, me)) throw forbidden();
    const uc = await store.publishedUseCaseBySlug(db, useCaseSlug);
    if (!uc) throw invalid('validation.summary', { useCase: 'groups.validation.unknownUseCase' });
    if (await store.linkUseCase(db, group.id, uc.id, actor!.id)) {
      await recordAudit(db, { actorId: actor!.id, action: 'working_group.use_case_linked', subjectType: 'working_group', subjectId: group.id, details: { useCase: useCaseSlug } });
    }
  });
}

export async function unlinkUseCase(ctx: AppContext, actor: Actor | undefined, slug: string, useCaseSlug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { group, me } = await groupForWrite(db, actor, slug);
    if (!policy.canLinkUseCase(actor, me)) throw forbidden();
    const uc = await store.publishedUseCaseBySlug(db, useCaseSlug);
    if (!uc || !(await store.unlinkUseCase(db, group.id, uc.id))) throw notFound();
    await recordAudit(db, { actorId: actor!.id, action: 'working_group.use_case_unlinked', subjectType: 'working_group', subjectId: group.id, details: { useCase: useCaseSlug } });
  });
}
