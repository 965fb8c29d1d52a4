// Activity events: what a module publishes when something worth recognising happens to a
// member's contribution (an answer accepted, a use case adopted, a quiz passed …), or stops
// being true (the acceptance taken back, the reply hidden, the vote withdrawn). They are outbox
// rows of one topic, written in the same transaction as the change; the recognition module
// reads them and keeps its ledger. The publishing module knows nothing of points or badges.
//
// A `fact` names one thing that can be true or not ("reply 12 is accepted", "member 7 finds reply
// 12 helpful"); the event says whether it now holds (`holds: false` withdraws it). The consumer
// applies events per fact in outbox order, so a replay or a late duplicate changes nothing.
import { addToOutbox } from './outbox.js';
import type { Queryable } from '../db/sql.js';
import { publishResourceEvent, type ResourceEvent } from './resource-events.js';

export const ACTIVITY_TOPIC = 'activity';

export const ACTIVITY_KINDS = [
  'forum.answer_accepted', // beneficiary: the reply's author; actor: who accepted
  'forum.reply_helpful', // beneficiary: the reply's author; actor: the voter (one fact per vote)
  'forum.thread_answered', // beneficiary: the thread's author; actor: the accepted reply's author
  'usecase.published', // beneficiary: each author; actor: null
  'usecase.verified', // beneficiary: each author; actor: the verifying facilitator
  'usecase.implemented', // beneficiary: each author; actor: the member declaring for their administration
  'guide.chapter_published', // beneficiary: the chapter's author; actor: the reviewer (null at content sync)
  'academy.quiz_passed', // beneficiary: the learner; actor: null (first pass only: one fact per quiz)
  'academy.certificate', // beneficiary: the learner; actor: null
  'event.attended', // beneficiary: the participant; actor: who recorded the attendance
  'event.talk_given', // beneficiary: the speaker; actor: the organiser
  'prevote.topic_on_agenda', // beneficiary: who proposed the topic; actor: the organiser
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityItem {
  /** The item's type and id, e.g. { type: 'forum_reply', id: 12 }. */
  type: string;
  id: number | string;
  /** What the member's history and Kompetenzpass show: the item's title and address at the time. */
  title: string;
  url: string;
}

export interface ActivityEvent {
  kind: ActivityKind;
  /** Identifies the fact across its events, e.g. "forum.reply_helpful:12:7". */
  fact: string;
  /** True when the fact now holds, false when it no longer does. */
  holds: boolean;
  /** Who the fact is good for. */
  beneficiaryId: number;
  /** Who made it happen, when that is someone acting on the beneficiary's contribution (self-awards are refused). */
  actorId: number | null;
  item: ActivityItem;
  /** Competence areas (content/taxonomy/competence-areas.yml) the item belongs to, decided by its module. */
  competences: string[];
  /** When the fact began (ISO 8601); defaults to the publishing time. */
  at?: string;
}

/**
 * Publishes one event in the caller's transaction, and the resource event it stands for (a use case
 * published, an answer accepted …: src/shared/resource-events.ts, for webhooks) as a row of its own,
 * so neither consumer's failures hold up the other.
 */
export async function publishActivity(db: Queryable, e: ActivityEvent): Promise<void> {
  const at = e.at ?? new Date().toISOString();
  await addToOutbox(db, ACTIVITY_TOPIC, { ...e, at }, { key: `activity:${e.fact}` });
  const resourceEvent = resourceEventOfActivity(e);
  if (resourceEvent) await publishResourceEvent(db, { ...resourceEvent, at: new Date().toISOString() });
}

/** Fact names built one way everywhere: the kind and the ids that identify it. */
export const activityFact = (kind: ActivityKind, ...ids: (number | string)[]) => [kind, ...ids].join(':');

/** The resource event an activity event stands for, or null (most kinds are about members, not resources). */
export function resourceEventOfActivity(e: ActivityEvent): Omit<ResourceEvent, 'at'> | null {
  if (!e.holds) return null;
  const ids = e.fact.split(':').slice(1);
  switch (e.kind) {
    case 'usecase.published': return { type: 'use_case.published', key: `use_case.published:${ids[0]}`, resource: e.item };
    case 'usecase.implemented': return { type: 'use_case.adopted', key: `use_case.adopted:${ids[0]}:${ids[1]}`, resource: e.item, related: { administrationId: Number(ids[1]) } };
    case 'forum.answer_accepted': return { type: 'answer.accepted', key: `answer.accepted:${ids[0]}`, resource: e.item };
    case 'guide.chapter_published': return { type: 'guide.published', key: `guide.published:${ids.join(':')}`, resource: e.item, visibility: 'public' };
    case 'academy.certificate': return { type: 'certificate.issued', key: `certificate.issued:${ids.join(':')}`, resource: e.item, visibility: 'public' };
    default: return null;
  }
}
