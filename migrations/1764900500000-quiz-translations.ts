import type { MigrationInterface, QueryRunner } from 'typeorm';

// Quizzes in more than one language: a translation of a quiz (title, intro) and of each of its
// current questions (texts, explanation, choice texts, accepted short answers). The questions keep
// their ids and keys: an attempt in another language is an attempt at the original quiz (the same
// grading, limits and certificates); academy_attempts.language records the language it was taken
// in. source_hash is the original's content_hash the translation was written from; when the
// original's differs, the translation is outdated.
export class QuizTranslations1764900500000 implements MigrationInterface {
  name = 'QuizTranslations1764900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE academy_quiz_translations (
        quiz_id integer NOT NULL REFERENCES academy_quizzes(id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
        intro text NOT NULL DEFAULT '',
        content_hash text NOT NULL,
        source_hash text,
        question_ids integer[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (quiz_id, language)
      )`);
    await q.query(`
      CREATE TABLE academy_question_translations (
        question_id integer NOT NULL REFERENCES academy_questions(id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        title text,
        text text NOT NULL,
        text_html text NOT NULL,
        explanation text NOT NULL DEFAULT '',
        explanation_html text NOT NULL DEFAULT '',
        choices jsonb NOT NULL DEFAULT '{}',
        accepted jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (question_id, language)
      )`);
    await q.query(`ALTER TABLE academy_attempts ADD COLUMN language text CHECK (language ~ '^[a-z]{2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_attempts DROP COLUMN language`);
    await q.query(`DROP TABLE academy_question_translations`);
    await q.query(`DROP TABLE academy_quiz_translations`);
  }
}
