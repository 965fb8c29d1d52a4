// The academy part of the privacy download and of account deletion: attempts with every answer
// and result, extra attempts, certificates and Open Badges assertions.
import type { DataSource, EntityManager } from 'typeorm';
import type { FormerMember } from '../module.js';

export async function exportAcademyData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    attempts: await ds.query(
      `SELECT q.slug AS quiz, a.number, a.state, a.started_at AS "startedAt", a.deadline, a.submitted_at AS "submittedAt",
              a.late, a.score, a.max_score AS "maxScore", a.percent, a.passed, a.result,
              coalesce((SELECT json_agg(json_build_object('questionId', x.question_id, 'response', x.response, 'savedAt', x.saved_at)
                                        ORDER BY x.question_id)
                          FROM academy_attempt_answers x WHERE x.attempt_id = a.id), '[]') AS answers
         FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id WHERE a.user_id = $1 ORDER BY a.id`, [userId]),
    extraAttempts: await ds.query(
      `SELECT q.slug AS quiz, e.reason, e.created_at AS "createdAt" FROM academy_extra_attempts e
         JOIN academy_quizzes q ON q.id = e.quiz_id WHERE e.user_id = $1 ORDER BY e.id`, [userId]),
    certificates: await ds.query(
      `SELECT ce.id, c.slug AS course, ce.recipient_name AS "recipientName", ce.issued_at AS "issuedAt"
         FROM academy_certificates ce JOIN academy_courses c ON c.id = ce.course_id WHERE ce.user_id = $1 ORDER BY ce.issued_at`, [userId]),
    badges: await ds.query(
      `SELECT b.id, c.slug AS course, b.identity_hash AS "recipientIdentity", b.salt, b.issued_on AS "issuedOn",
              b.revoked_at AS "revokedAt", b.revocation_reason AS "revocationReason"
         FROM academy_badge_assertions b JOIN academy_courses c ON c.id = b.course_id WHERE b.user_id = $1 ORDER BY b.issued_on`, [userId]),
    // What the member did as a facilitator (the other members are not named).
    quizzesCreated: await ds.query(`SELECT slug, title, created_at AS "createdAt" FROM academy_quizzes WHERE created_by = $1 ORDER BY id`, [userId]),
    extraAttemptsGranted: await ds.query(
      `SELECT q.slug AS quiz, e.reason, e.created_at AS "createdAt" FROM academy_extra_attempts e
         JOIN academy_quizzes q ON q.id = e.quiz_id WHERE e.granted_by = $1 ORDER BY e.id`, [userId]),
    badgesRevoked: await ds.query(
      `SELECT b.id, b.revocation_reason AS "reason", b.revoked_at AS "revokedAt" FROM academy_badge_assertions b
        WHERE b.revoked_by = $1 ORDER BY b.revoked_at`, [userId]),
  };
}

/**
 * Learning records are personal, not contributions: attempts (with free-text answers), extra
 * attempts, certificates and badge assertions are deleted in both variants (Moodle's privacy
 * provider does the same), so item statistics count the remaining learners only and the
 * certificate's verification page and the badge's hosted assertion answer 404 from then on.
 * Quizzes written and grants or revocations made as a facilitator keep pointing at the erased row.
 */
export async function deleteAcademyData(db: EntityManager, member: FormerMember): Promise<void> {
  await db.query(`DELETE FROM academy_attempts WHERE user_id = $1`, [member.id]);
  await db.query(`DELETE FROM academy_extra_attempts WHERE user_id = $1`, [member.id]);
  await db.query(`DELETE FROM academy_certificates WHERE user_id = $1`, [member.id]);
  await db.query(`DELETE FROM academy_badge_assertions WHERE user_id = $1`, [member.id]);
}
