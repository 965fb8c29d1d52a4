import type { MigrationInterface, QueryRunner } from 'typeorm';

// The use-case library: cases, editors, contacts, revisions, comments (+ flags), follows,
// adoptions ("we want this too") and attachments (the reuse kit). Controlled-list values are
// keys from content/taxonomy; the fixed scales are checked here.
export class Usecases1763700003000 implements MigrationInterface {
  name = 'Usecases1763700003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE use_cases (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        summary text NOT NULL CHECK (char_length(summary) <= 300),
        administration_id integer NOT NULL REFERENCES administrations(id) ON DELETE RESTRICT,
        department text NOT NULL,
        department_other text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('idea', 'planned', 'running', 'completed', 'stopped')),
        policy_areas text[] NOT NULL DEFAULT '{}',
        iap2_level text NOT NULL CHECK (iap2_level IN ('inform', 'consult', 'involve', 'collaborate', 'empower')),
        methods text[] NOT NULL DEFAULT '{}',
        start_date date,
        end_date date,
        formal_basis text CHECK (formal_basis IN ('voluntary', 'statutory')),
        council_decision text NOT NULL DEFAULT '',
        digital_tool text,
        format text CHECK (format IN ('online', 'offline', 'hybrid')),
        target_groups text[] NOT NULL DEFAULT '{}',
        participant_count integer CHECK (participant_count >= 0),
        budget_band text,
        staff_effort_days integer CHECK (staff_effort_days >= 0),
        narrative jsonb NOT NULL DEFAULT '{}',
        narrative_html jsonb NOT NULL DEFAULT '{}',
        owner_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        next_review_at date,
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        visibility text NOT NULL DEFAULT 'network' CHECK (visibility IN ('network', 'public')),
        published boolean NOT NULL DEFAULT false,
        published_at timestamptz,
        verified_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        verified_at timestamptz,
        derived_from_id integer REFERENCES use_cases(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX use_cases_listing_idx ON use_cases (published, visibility, published_at DESC)`);
    await q.query(`CREATE INDEX use_cases_administration_idx ON use_cases (administration_id)`);
    await q.query(`CREATE INDEX use_cases_review_idx ON use_cases (next_review_at) WHERE published`);
    await q.query(`CREATE INDEX use_cases_derived_idx ON use_cases (derived_from_id) WHERE derived_from_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE use_case_editors (
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (use_case_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE use_case_contacts (
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        opted_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (use_case_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE use_case_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        version integer NOT NULL,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        snapshot jsonb NOT NULL,
        diff text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (use_case_id, version)
      )`);
    await q.query(`
      CREATE TABLE use_case_comments (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        parent_id integer REFERENCES use_case_comments(id) ON DELETE CASCADE,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        body_source text NOT NULL,
        body_html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        hidden_at timestamptz
      )`);
    await q.query(`CREATE INDEX use_case_comments_case_idx ON use_case_comments (use_case_id, id)`);
    await q.query(`
      CREATE TABLE use_case_comment_flags (
        comment_id integer NOT NULL REFERENCES use_case_comments(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        PRIMARY KEY (comment_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE use_case_follows (
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (use_case_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE use_case_adoptions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        administration_id integer NOT NULL REFERENCES administrations(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('interested', 'planning', 'implemented', 'stopped')),
        note text NOT NULL DEFAULT '',
        declared_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        derived_use_case_id integer REFERENCES use_cases(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (use_case_id, administration_id)
      )`);
    await q.query(`CREATE INDEX use_case_adoptions_administration_idx ON use_case_adoptions (administration_id)`);
    await q.query(`
      CREATE TABLE use_case_attachments (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        storage_key text NOT NULL UNIQUE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        licence text NOT NULL DEFAULT 'CC-BY-4.0',
        description text NOT NULL DEFAULT '',
        uploaded_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX use_case_attachments_case_idx ON use_case_attachments (use_case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['use_case_attachments', 'use_case_adoptions', 'use_case_follows', 'use_case_comment_flags',
      'use_case_comments', 'use_case_revisions', 'use_case_contacts', 'use_case_editors', 'use_cases']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
