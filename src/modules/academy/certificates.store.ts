// Writes of certificates and Open Badges assertions (issued when a pass completes a course,
// revoked by a facilitator), and the reads that belong to them. Every function takes `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import { BadgeAssertion, Certificate } from './certificate.entity.js';

/** Courses (not archived) with this quiz that the member has now passed every quiz of. */
export async function coursesCompletedBy(
  db: Db, quizId: number, userId: number,
): Promise<{ id: number; slug: string; title: string; language: string }[]> {
  return rows(db,
    `SELECT c.id, c.slug, c.title, c.language FROM academy_courses c JOIN academy_course_quizzes cq ON cq.course_id = c.id
      WHERE cq.quiz_id = $1 AND c.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM academy_course_quizzes cq2
                         WHERE cq2.course_id = c.id
                           AND NOT EXISTS (SELECT 1 FROM academy_attempts a WHERE a.quiz_id = cq2.quiz_id AND a.user_id = $2 AND a.passed))`,
    [quizId, userId]);
}

/** A course that can be completed (not archived, with at least one quiz), for issuing. */
export async function courseForCompletion(db: Db, courseId: number): Promise<{ id: number; slug: string; title: string; language: string } | null> {
  return one(db,
    `SELECT c.id, c.slug, c.title, c.language FROM academy_courses c
      WHERE c.id = $1 AND c.archived_at IS NULL AND EXISTS (SELECT 1 FROM academy_course_quizzes cq WHERE cq.course_id = c.id)`, [courseId]);
}

/**
 * Members (the one given, or all) who have passed every quiz of the course and hold no certificate
 * of it yet. Starts from the passes of the course's quizzes, never from all members.
 */
export async function membersWithEveryQuizPassed(db: Db, courseId: number, userId: number | null): Promise<number[]> {
  return (await rows<{ id: number }>(db,
    `SELECT DISTINCT a.user_id AS id FROM academy_attempts a JOIN academy_course_quizzes cq ON cq.quiz_id = a.quiz_id AND cq.course_id = $1
      WHERE a.passed AND ($2::int IS NULL OR a.user_id = $2)
        AND NOT EXISTS (SELECT 1 FROM academy_certificates ce WHERE ce.course_id = $1 AND ce.user_id = a.user_id)
        AND NOT EXISTS (SELECT 1 FROM academy_course_quizzes cq2 WHERE cq2.course_id = $1
                         AND NOT EXISTS (SELECT 1 FROM academy_attempts a2 WHERE a2.quiz_id = cq2.quiz_id AND a2.user_id = a.user_id AND a2.passed))
      ORDER BY 1`, [courseId, userId])).map((r) => Number(r.id));
}

/** The name printed on a certificate and the e-mail address a badge's identity hash is made of. */
export async function recipientOf(db: Db, userId: number): Promise<{ name: string; email: string }> {
  return (await one<{ name: string; email: string }>(db, `SELECT name, email FROM users WHERE id = $1`, [userId]))!;
}

/** A certificate for the member and course; null when they have one already. */
export async function insertCertificate(db: Db, courseId: number, userId: number, recipientName: string): Promise<string | null> {
  const inserted = await rows<{ id: string }>(db,
    `INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, $3)
     ON CONFLICT (course_id, user_id) DO NOTHING RETURNING id`, [courseId, userId, recipientName]);
  return inserted[0]?.id ?? null;
}

export async function insertBadgeAssertion(
  db: Db, a: { certificateId: string; courseId: number; userId: number; identityHash: string; salt: string },
): Promise<void> {
  await rows(db,
    `INSERT INTO academy_badge_assertions (certificate_id, course_id, user_id, identity_hash, salt) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`, [a.certificateId, a.courseId, a.userId, a.identityHash, a.salt]);
}

/** Revokes the assertion unless it is revoked already; false when nothing changed. */
export async function revokeBadgeAssertion(db: Db, assertionId: string, revokedBy: number, reason: string): Promise<boolean> {
  return (await affected(db,
    `UPDATE academy_badge_assertions SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
      WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [assertionId, revokedBy, reason])) > 0;
}

export async function badgeAssertionExists(db: Db, assertionId: string): Promise<boolean> {
  return db.existsBy(BadgeAssertion, { id: assertionId });
}

/** Deletes the member's certificates and badge assertions (account deletion). */
/**
 * Account deletion: the certificates go; their badge assertions become revoked tombstones without
 * the member (recipient hash and salt erased), so the hosted assertion answers 410 with revoked: true.
 */
export async function deleteCertificatesOf(db: Db, userId: number): Promise<void> {
  await db.query(
    `UPDATE academy_badge_assertions
        SET user_id = NULL, certificate_id = NULL, revoked_at = coalesce(revoked_at, now()),
            revocation_reason = coalesce(revocation_reason, 'account deleted'), identity_hash = 'sha256$' || repeat('0', 64), salt = ''
      WHERE user_id = $1`, [userId]);
  await db.delete(Certificate, { userId });
}
