// The academy's activity facts (src/shared/activity.ts): a quiz passed (one fact per quiz and
// learner, so only the first pass counts) and a course certificate (per course and learner, the
// item's id the course's slug), withdrawn when its badge is revoked. activityHistory lists what
// holds today for the recognition backfill.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { activityFact, type ActivityEvent } from '../../shared/activity.js';
import { publishActivityChanges, trackActivity } from '../../shared/activity-changes.js';
import { COMPETENCE_DEFAULTS, competencesOf } from '../../shared/competences.js';
import { assertionSubject, quizPasses, standingCertificates, type CertificateRow, type QuizPassRow } from './activity.store.js';

const iso = (d: Date) => new Date(d).toISOString();

const passEvent = (p: QuizPassRow, at?: string): ActivityEvent => ({
  kind: 'academy.quiz_passed', fact: activityFact('academy.quiz_passed', p.quizId, p.userId), holds: true, beneficiaryId: p.userId, actorId: null,
  item: { type: 'academy_quiz', id: p.quizId, title: p.title, url: `/academy/quizzes/${p.slug}` },
  competences: competencesOf(p.keys, COMPETENCE_DEFAULTS.academy), at,
});

const certificateEvent = (c: CertificateRow, at?: string): ActivityEvent => ({
  kind: 'academy.certificate', fact: activityFact('academy.certificate', c.slug, c.userId), holds: true, beneficiaryId: c.userId, actorId: null,
  item: { type: 'academy_course', id: c.slug, title: c.title, url: `/academy/courses/${c.slug}` },
  competences: competencesOf(c.keys, COMPETENCE_DEFAULTS.academy), at,
});

/** After a passed attempt: the quiz is passed (a later pass publishes the same fact again, which changes nothing). */
export async function publishQuizPass(db: Queryable, userId: number, quizId: number): Promise<void> {
  await publishActivityChanges(db, [], (await quizPasses(db, { userId, quizId })).map((p) => passEvent(p)));
}

/** After a certificate was issued. */
export async function publishCertificate(db: Queryable, userId: number, courseId: number): Promise<void> {
  await publishActivityChanges(db, [], (await standingCertificates(db, { userId, courseId })).map((c) => certificateEvent(c)));
}

/** Call before revoking the assertion; the returned function, called after it, withdraws the certificate. */
export async function trackAssertionActivity(db: Queryable, assertionId: string): Promise<() => Promise<void>> {
  const subject = await assertionSubject(db, assertionId);
  return trackActivity(db, async () => (subject ? (await standingCertificates(db, subject)).map((c) => certificateEvent(c)) : []));
}

/** Every academy fact that holds today, with when it began (the recognition backfill). */
export async function academyActivityHistory(ds: DataSource): Promise<ActivityEvent[]> {
  return [
    ...(await quizPasses(ds, null)).map((p) => passEvent(p, iso(p.at))),
    ...(await standingCertificates(ds, null)).map((c) => certificateEvent(c, iso(c.at))),
  ];
}
