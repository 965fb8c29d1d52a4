// The events' activity facts (src/shared/activity.ts): attendance recorded (per event and member),
// a talk given — a presenter on the event's agenda (per event and member) — and a pre-vote topic
// that made the agenda (per topic, for its proposer). A cancelled event counts for none of them.
// The services track what holds for an event around each write (trackEventActivity) and publish
// the difference; activityHistory lists what holds today for the recognition backfill.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { activityFact, type ActivityEvent } from '../../shared/activity.js';
import { trackActivity } from '../../shared/activity-changes.js';
import { COMPETENCE_DEFAULTS, competencesOf } from '../../shared/competences.js';
import { attendances, lockEventFacts, presenters, topicsOnAgenda, type EventRef } from './activity.store.js';

const eventItem = (e: EventRef) => ({ type: 'event', id: e.eventId, title: e.eventTitle, url: `/events/${e.eventId}-${e.eventSlug}` });
const competences = (e: EventRef) => competencesOf([e.kind, e.format], COMPETENCE_DEFAULTS.events);
const iso = (d: Date) => new Date(d).toISOString();

/** `by`: who records or arranges it (the acting organiser; for the backfill, the event's organiser). */
async function holding(db: Queryable, eventId: number | null, by: number | null, withDates: boolean): Promise<ActivityEvent[]> {
  const actor = (e: EventRef) => (withDates ? e.createdById : by);
  const at = (e: EventRef) => (withDates ? iso(e.at) : undefined);
  return [
    ...(await attendances(db, eventId)).map((a): ActivityEvent => ({
      kind: 'event.attended', fact: activityFact('event.attended', a.eventId, a.userId), holds: true, beneficiaryId: a.userId, actorId: actor(a),
      item: eventItem(a), competences: competences(a), at: at(a),
    })),
    ...(await presenters(db, eventId)).map((p): ActivityEvent => ({
      kind: 'event.talk_given', fact: activityFact('event.talk_given', p.eventId, p.userId), holds: true, beneficiaryId: p.userId, actorId: actor(p),
      item: eventItem(p), competences: competences(p), at: at(p),
    })),
    ...(await topicsOnAgenda(db, eventId)).map((t): ActivityEvent => ({
      kind: 'prevote.topic_on_agenda', fact: activityFact('prevote.topic_on_agenda', t.topicId), holds: true, beneficiaryId: t.proposerId, actorId: actor(t),
      item: { type: 'prevote_topic', id: t.topicId, title: t.topicTitle, url: `/events/${t.eventId}/prevote#topic-${t.topicId}` },
      competences: competences(t), at: at(t),
    })),
  ];
}

/**
 * Call before a write to the event (attendance, agenda, cancellation); it locks the event. The
 * returned function, called after the write, publishes what changed.
 */
export async function trackEventActivity(db: Queryable, eventId: number, by: number | null): Promise<() => Promise<void>> {
  await lockEventFacts(db, eventId);
  return trackActivity(db, () => holding(db, eventId, by, false));
}

/** Every event fact that holds today, with when it began (the recognition backfill). */
export function eventsActivityHistory(ds: DataSource): Promise<ActivityEvent[]> {
  return holding(ds, null, null, true);
}
