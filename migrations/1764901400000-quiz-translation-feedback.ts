import type { MigrationInterface, QueryRunner } from 'typeorm';

// Per-answer feedback of a quiz translation (GIFT `#feedback`, issue 18): by the original's choice
// id (single, multiple, true/false, ordering) and by the position of a numeric answer. Accepted short
// answers already carry theirs. Empty for translations saved before: readers get the original's.
export class QuizTranslationFeedback1764901400000 implements MigrationInterface {
  name = 'QuizTranslationFeedback1764901400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_question_translations ADD COLUMN choice_feedback jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE academy_question_translations ADD COLUMN range_feedback jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_question_translations DROP COLUMN range_feedback`);
    await q.query(`ALTER TABLE academy_question_translations DROP COLUMN choice_feedback`);
  }
}
