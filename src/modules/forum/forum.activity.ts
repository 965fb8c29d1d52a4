// The forum's activity facts (src/shared/activity.ts): an answer accepted (for the reply's author),
// a question answered (for the thread's author), a reply found helpful (one fact per vote). The
// services track what holds around each write (trackForumActivity) and publish the difference;
// activityHistory lists what holds today for the recognition backfill.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { activityFact, publishActivity, type ActivityEvent } from '../../shared/activity.js';
import { trackActivity } from '../../shared/activity-changes.js';
import { COMPETENCE_DEFAULTS, competencesOf } from '../../shared/competences.js';
import { threadUrl } from './forum.queries.js';
import { holdingAcceptances, holdingVotes, replySubject, type AcceptanceRow, type VoteRow } from './activity.store.js';

const competences = (tags: string[]) => competencesOf(tags, COMPETENCE_DEFAULTS.forum);
const replyItem = (r: { replyId: number; threadId: number; title: string; slug: string }) =>
  ({ type: 'forum_reply', id: r.replyId, title: r.title, url: `${threadUrl({ id: r.threadId, slug: r.slug })}#reply-${r.replyId}` });

/** `acceptedBy`: who accepted; the forum keeps no record of it, so tracking passes the actor or the thread's author. */
function acceptanceEvents(a: AcceptanceRow, acceptedBy: number | null, at?: string): ActivityEvent[] {
  const list: ActivityEvent[] = [{
    kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', a.replyId), holds: true,
    beneficiaryId: a.replyAuthorId, actorId: acceptedBy, item: replyItem(a), competences: competences(a.tags), at,
  }];
  if (a.threadAuthorId !== null) {
    list.push({
      kind: 'forum.thread_answered', fact: activityFact('forum.thread_answered', a.threadId), holds: true,
      beneficiaryId: a.threadAuthorId, actorId: a.replyAuthorId,
      item: { type: 'forum_thread', id: a.threadId, title: a.title, url: threadUrl({ id: a.threadId, slug: a.slug }) },
      competences: competences(a.tags), at,
    });
  }
  return list;
}

const voteEvent = (v: VoteRow, at?: string): ActivityEvent => ({
  kind: 'forum.reply_helpful', fact: activityFact('forum.reply_helpful', v.replyId, v.voterId), holds: true,
  beneficiaryId: v.replyAuthorId, actorId: v.voterId, item: replyItem(v), competences: competences(v.tags), at,
});

export interface ForumActivityScope {
  /** The thread whose accepted answer the write may change. */
  threadId?: number;
  /** The reply whose helpful votes the write may change. */
  replyId?: number;
  /** Who counts as accepting the answer (the acting member, or the thread's author when the acceptance only shows again). */
  acceptedBy: number | null;
}

async function holding(db: Queryable, s: ForumActivityScope): Promise<ActivityEvent[]> {
  const list: ActivityEvent[] = [];
  if (s.threadId !== undefined) for (const a of await holdingAcceptances(db, s.threadId)) list.push(...acceptanceEvents(a, s.acceptedBy));
  if (s.replyId !== undefined) for (const v of await holdingVotes(db, s.replyId)) list.push(voteEvent(v));
  return list;
}

/** Call before a write (after its locks); the returned function, called after it, publishes what changed. */
export function trackForumActivity(db: Queryable, scope: ForumActivityScope): Promise<() => Promise<void>> {
  return trackActivity(db, () => holding(db, scope));
}

/**
 * One member's vote given or taken back (toggleVote, which checked that the reply may be voted on).
 * Only the voter's own fact: the vote's row lock orders one voter's toggles, so their events follow
 * in the same order; a list of every vote read in parallel transactions would not.
 */
export async function publishVote(db: Queryable, replyId: number, voterId: number, holds: boolean): Promise<void> {
  const r = await replySubject(db, replyId);
  if (!r || r.replyAuthorId === null) return;
  await publishActivity(db, { ...voteEvent({ ...r, replyAuthorId: r.replyAuthorId, voterId, at: new Date() }), holds });
}

/** Every forum fact that holds today, with when it began (the recognition backfill). */
export async function forumActivityHistory(ds: DataSource): Promise<ActivityEvent[]> {
  const iso = (d: Date) => new Date(d).toISOString();
  return [
    ...(await holdingAcceptances(ds, null)).flatMap((a) => acceptanceEvents(a, a.threadAuthorId, iso(a.at))),
    ...(await holdingVotes(ds, null)).map((v) => voteEvent(v, iso(v.at))),
  ];
}
