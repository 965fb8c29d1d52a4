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

/** Issues the certificate and badge assertion of every course this pass completes (idempotent). */
export async function completeCourses(db: Db, userId: number, quizId: number): Promise<void> {
  const courses = await store.coursesCompletedBy(db, quizId, userId);
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
