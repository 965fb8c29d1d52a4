import type { MigrationInterface, QueryRunner } from 'typeorm';

// The learning section's failing chapters at network scale (bench:dashboard, 50,000 attempts): every
// view unpacked the answers of a year's attempts (~250,000 JSON elements). dashboard_chapter_answers
// keeps, per Berlin day an attempt was started and per guide chapter its questions point to, the
// answers of submitted attempts and the wrong ones; rebuilt with dashboard_daily.
export class DashboardChapterAnswers1763700170005 implements MigrationInterface {
  name = 'DashboardChapterAnswers1763700170005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dashboard_chapter_answers (
      day date NOT NULL, chapter_ref text NOT NULL, answered integer NOT NULL, failed integer NOT NULL,
      CONSTRAINT dashboard_chapter_answers_pkey PRIMARY KEY (day, chapter_ref))`);
    // The worker's refresh finds the attempts submitted and started on its days by index, not by
    // scanning every attempt (65 MB at 50,000 attempts) several times every 5 minutes.
    await q.query(`CREATE INDEX academy_attempts_submitted_idx ON academy_attempts (submitted_at) WHERE state = 'submitted'`);
    await q.query(`CREATE INDEX academy_attempts_started_idx ON academy_attempts (started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX academy_attempts_started_idx`);
    await q.query(`DROP INDEX academy_attempts_submitted_idx`);
    await q.query(`DROP TABLE dashboard_chapter_answers`);
  }
}
