// Certificates and Open Badges assertions: issued when a pass completes a course (inside the
// attempt's transaction), revoked by a facilitator.
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { publishCertificate, trackAssertionActivity } from './academy.activity.js';
import { hashIdentity, newSalt } from '../../shared/open-badges.js';
import { canManageAcademy, type Actor } from './academy.policy.js';
import * as store from './certificates.store.js';
import { coursesWithUnwatchedVideos, type CourseVideosMessage } from '../media/index.js';

/**
 * A course is complete when every quiz of it is passed and every video it requires is watched
 * (src/modules/media, watching.service.ts); whichever comes last issues the certificate: a pass
 * here, a video through the outbox (completeCourseAfterVideos). Certificates issued before a video
 * became required stay valid: a certificate attests what the course asked when it was earned.
 */
async function issueCertificates(db: Db, userId: number, courses: { id: number; title: string; language: string }[]): Promise<void> {
  if (!courses.length) return;
  const user = await store.recipientOf(db, userId);
  for (const c of courses) {
    const certificateId = await store.insertCertificate(db, c.id, userId, user.name);
    if (certificateId === null) continue;
    const salt = newSalt();
    await store.insertBadgeAssertion(db, { certificateId, courseId: c.id, userId, identityHash: hashIdentity(user.email, salt), salt });
    await publishCertificate(db, userId, c.id);
    await notify(db, { userId, kind: 'academy.certificate', title: c.title, language: c.language, url: `/academy/certificates/${certificateId}`, subjectType: 'academy_course', subjectId: c.id });
  }
}

/** Courses among these whose required videos the member has all watched. */
async function withVideosWatched<C extends { id: number }>(db: Db, userId: number, courses: C[]): Promise<C[]> {
  const missing = new Set(await coursesWithUnwatchedVideos(db, userId, courses.map((c) => c.id)));
  return courses.filter((c) => !missing.has(c.id));
}

/** Issues the certificate and badge assertion of every course this pass completes (idempotent). */
export async function completeCourses(db: Db, userId: number, quizId: number): Promise<void> {
  const courses = await store.coursesCompletedBy(db, quizId, userId);
  if (!courses.length) return;
  await issueCertificates(db, userId, await withVideosWatched(db, userId, courses));
}

/**
 * The media module's word that a course's video requirements may now be met — by one member (a
 * video became watched) or by anyone (a requirement was lifted, a required video withdrawn):
 * issues the certificates of those who passed every quiz and have now watched every required video
 * (idempotent: a certificate is issued once per member and course).
 */
export async function completeCourseAfterVideos(ctx: AppContext, payload: unknown): Promise<void> {
  const m = payload as Partial<CourseVideosMessage>;
  const courseId = Number(m.courseId);
  const only = m.userId === undefined ? null : Number(m.userId);
  if (!Number.isInteger(courseId) || (only !== null && !Number.isInteger(only))) return;
  await inTransaction(ctx.ds, async (db) => {
    const course = await store.courseForCompletion(db, courseId);
    if (!course) return;
    for (const userId of await store.membersWithEveryQuizPassed(db, course.id, only)) {
      await issueCertificates(db, userId, await withVideosWatched(db, userId, [course]));
    }
  });
}

export async function revokeAssertion(ctx: AppContext, actor: Actor, assertionId: string, reason: string): Promise<void> {
  if (!canManageAcademy(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const publishActivity = await trackAssertionActivity(db, assertionId);
    if (!(await store.revokeBadgeAssertion(db, assertionId, actor.id, reason))) {
      if (!(await store.badgeAssertionExists(db, assertionId))) throw notFound();
      throw conflict('academy.badge.alreadyRevoked');
    }
    await publishActivity();
    await recordAudit(db, { actorId: actor.id, action: 'academy.badge.revoke', subjectType: 'academy_badge_assertion', subjectId: assertionId, reason });
  });
}
