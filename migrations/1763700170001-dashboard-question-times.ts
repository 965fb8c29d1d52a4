import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's "questions" section at network scale (bench:dashboard, 1,000,000 replies): the
// reply times of every question of both periods were computed live on every view (~35,000 LATERAL
// lookups a year). dashboard_question_times keeps them per question, on the Berlin day it was asked:
// hours to the first reply by someone else and to the accepted reply; rebuilt with dashboard_daily.
export class DashboardQuestionTimes1763700170001 implements MigrationInterface {
  name = 'DashboardQuestionTimes1763700170001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dashboard_question_times (
      thread_id integer NOT NULL, day date NOT NULL, first_hours double precision, accepted_hours double precision,
      CONSTRAINT dashboard_question_times_pkey PRIMARY KEY (thread_id))`);
    await q.query(`CREATE INDEX dashboard_question_times_day_idx ON dashboard_question_times (day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dashboard_question_times`);
  }
}
