import type { MigrationInterface, QueryRunner } from 'typeorm';

// Foundation: administrations, accounts, sessions, audit log, outbox, accessibility feedback.
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE administrations (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('municipality', 'county', 'state_agency', 'association', 'partner')),
        state text NOT NULL CHECK (state IN ('BW','BY','BE','BB','HB','HH','HE','MV','NI','NW','RP','SL','SN','ST','SH','TH')),
        ags char(8) UNIQUE CHECK (ags ~ '^[0-9]{8}$'),
        population integer CHECK (population >= 0),
        size_class text GENERATED ALWAYS AS (
          CASE WHEN population IS NULL THEN NULL
               WHEN population < 10000 THEN 'lt10k'
               WHEN population < 20000 THEN '10k-20k'
               WHEN population < 50000 THEN '20k-50k'
               WHEN population < 100000 THEN '50k-100k'
               WHEN population < 500000 THEN '100k-500k'
               ELSE 'gt500k' END) STORED,
        website text,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX administrations_state_kind_idx ON administrations (state, kind, size_class)`);
    await q.query(`
      CREATE TABLE administration_domains (
        domain text PRIMARY KEY CHECK (domain = lower(domain)),
        administration_id integer NOT NULL REFERENCES administrations(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX administration_domains_admin_idx ON administration_domains (administration_id)`);

    await q.query(`
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email)),
        handle text NOT NULL CHECK (handle ~ '^[a-z0-9][a-z0-9_-]{1,29}$'),
        name text NOT NULL,
        job_title text NOT NULL DEFAULT '',
        department text NOT NULL DEFAULT '',
        bio text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        password_hash text,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'facilitator', 'admin')),
        status text NOT NULL DEFAULT 'unconfirmed'
          CHECK (status IN ('unconfirmed', 'pending', 'active', 'rejected', 'deleted')),
        administration_id integer REFERENCES administrations(id) ON DELETE SET NULL,
        requested_organization text NOT NULL DEFAULT '',
        email_confirmed_at timestamptz,
        decided_at timestamptz,
        decided_by integer REFERENCES users(id) ON DELETE SET NULL,
        rejection_reason text,
        totp_secret text,
        totp_enabled_at timestamptz,
        totp_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE UNIQUE INDEX users_handle_key ON users (handle)`);
    await q.query(`CREATE INDEX users_administration_idx ON users (administration_id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX users_pending_idx ON users (created_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE user_tokens (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose)`);
    await q.query(`
      CREATE TABLE user_recovery_codes (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_recovery_codes_user_idx ON user_recovery_codes (user_id)`);
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);

    // Sessions: the table connect-pg-simple expects.
    await q.query(`
      CREATE TABLE session (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await q.query(`CREATE INDEX session_expire_idx ON session (expire)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_id integer REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC)`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id)`);

    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        key text,
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        locked_by text,
        processed_at timestamptz,
        failed_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX outbox_due_idx ON outbox (topic, id) WHERE processed_at IS NULL AND failed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE feedback (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer REFERENCES users(id) ON DELETE SET NULL,
        name text NOT NULL DEFAULT '',
        email text NOT NULL DEFAULT '',
        page text NOT NULL DEFAULT '',
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        handled_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['feedback', 'outbox', 'audit_log', 'session', 'sign_in_throttle', 'user_recovery_codes',
      'user_tokens', 'users', 'administration_domains', 'administrations']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
