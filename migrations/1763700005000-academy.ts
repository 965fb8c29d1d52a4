import type { MigrationInterface, QueryRunner } from 'typeorm';

// Academy: courses, quizzes, questions, attempts (with per-answer save times), extra attempts,
// certificates and Open Badges assertions. Guides are referenced by slug text, not by foreign key
// (the guides module is separate): a chapter reference is "guide-slug/chapter-slug".
export class Academy1763700005000 implements MigrationInterface {
  name = 'Academy1763700005000';

  async up(q: QueryRunner): Promise<void> {
    const slug = `CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')`;
    await q.query(`
      CREATE TABLE academy_courses (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE ${slug},
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        summary_html text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        guide_slugs text[] NOT NULL DEFAULT '{}',
        source text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'file')),
        content_hash text,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE academy_quizzes (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE ${slug},
        title text NOT NULL,
        intro text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        pass_mark integer NOT NULL DEFAULT 70 CHECK (pass_mark BETWEEN 0 AND 100),
        attempt_limit integer CHECK (attempt_limit > 0),
        time_limit_minutes integer CHECK (time_limit_minutes > 0),
        questions_per_page integer NOT NULL DEFAULT 5 CHECK (questions_per_page BETWEEN 1 AND 50),
        shuffle_questions boolean NOT NULL DEFAULT true,
        shuffle_answers boolean NOT NULL DEFAULT true,
        feedback_policy text NOT NULL DEFAULT 'after_attempt' CHECK (feedback_policy IN ('after_attempt', 'after_pass')),
        source text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'file', 'upload')),
        content_hash text,
        created_by integer REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE academy_course_quizzes (
        course_id integer NOT NULL REFERENCES academy_courses(id) ON DELETE CASCADE,
        quiz_id integer NOT NULL REFERENCES academy_quizzes(id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (course_id, quiz_id)
      )`);
    await q.query(`CREATE INDEX academy_course_quizzes_quiz_idx ON academy_course_quizzes (quiz_id)`);
    await q.query(`
      CREATE TABLE academy_questions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quiz_id integer NOT NULL REFERENCES academy_quizzes(id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'truefalse', 'short', 'numeric', 'ordering')),
        title text,
        text text NOT NULL,
        text_html text NOT NULL,
        points numeric(6,2) NOT NULL DEFAULT 1 CHECK (points > 0),
        explanation text NOT NULL DEFAULT '',
        explanation_html text NOT NULL DEFAULT '',
        chapter_ref text CHECK (chapter_ref ~ '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$'),
        partial_credit boolean NOT NULL DEFAULT false,
        choices jsonb NOT NULL DEFAULT '[]',
        accepted jsonb NOT NULL DEFAULT '[]',
        ranges jsonb NOT NULL DEFAULT '[]',
        -- Replaced questions stay for the attempts that used them.
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX academy_questions_quiz_idx ON academy_questions (quiz_id, position) WHERE archived_at IS NULL`);
    await q.query(`CREATE INDEX academy_questions_chapter_idx ON academy_questions (chapter_ref)`);
    await q.query(`
      CREATE TABLE academy_attempts (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quiz_id integer NOT NULL REFERENCES academy_quizzes(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        number integer NOT NULL,
        -- The attempt's own order: [{ "questionId": 1, "choiceIds": ["…"] }], fixed at start.
        layout jsonb NOT NULL,
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted')),
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz,
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        score numeric(8,2),
        max_score numeric(8,2),
        percent numeric(5,1),
        passed boolean,
        -- Per question: { questionId, score, max, outcome, response }.
        result jsonb,
        UNIQUE (quiz_id, user_id, number),
        CHECK ((state = 'submitted') = (submitted_at IS NOT NULL AND passed IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX academy_attempts_one_open ON academy_attempts (quiz_id, user_id) WHERE state = 'open'`);
    await q.query(`CREATE INDEX academy_attempts_user_idx ON academy_attempts (user_id, quiz_id)`);
    await q.query(`
      CREATE TABLE academy_attempt_answers (
        attempt_id integer NOT NULL REFERENCES academy_attempts(id) ON DELETE CASCADE,
        question_id integer NOT NULL REFERENCES academy_questions(id) ON DELETE CASCADE,
        response jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (attempt_id, question_id)
      )`);
    await q.query(`
      CREATE TABLE academy_extra_attempts (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quiz_id integer NOT NULL REFERENCES academy_quizzes(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        granted_by integer REFERENCES users(id) ON DELETE SET NULL,
        reason text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX academy_extra_attempts_idx ON academy_extra_attempts (quiz_id, user_id)`);
    await q.query(`
      CREATE TABLE academy_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id integer NOT NULL REFERENCES academy_courses(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        recipient_name text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE academy_badge_assertions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        certificate_id uuid NOT NULL UNIQUE REFERENCES academy_certificates(id) ON DELETE CASCADE,
        course_id integer NOT NULL REFERENCES academy_courses(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        -- Recipient identity: 'sha256$' || hex(sha256(lower(email) || salt)).
        identity_hash text NOT NULL CHECK (identity_hash ~ '^sha256\\$[0-9a-f]{64}$'),
        salt text NOT NULL,
        issued_on timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by integer REFERENCES users(id) ON DELETE SET NULL,
        revocation_reason text,
        UNIQUE (course_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['academy_badge_assertions', 'academy_certificates', 'academy_extra_attempts', 'academy_attempt_answers',
      'academy_attempts', 'academy_questions', 'academy_course_quizzes', 'academy_quizzes', 'academy_courses']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
