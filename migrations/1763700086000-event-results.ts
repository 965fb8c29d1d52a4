import type { MigrationInterface, QueryRunner } from 'typeorm';

// Meeting in practice, after the event: the minutes and results (Markdown with revisions), the
// event's attachments (checked like the use cases' reuse kit) and the links to what came out of it
// (use cases, forum threads, guide chapters).
export class EventResults1763700086000 implements MigrationInterface {
  name = 'EventResults1763700086000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_minutes (
        event_id integer PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        body_source text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'draft' CONSTRAINT event_minutes_status_check CHECK (status IN ('draft', 'accepted')),
        updated_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE event_minutes_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        version integer NOT NULL,
        body_source text NOT NULL,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_minutes_revisions_event_version_key UNIQUE (event_id, version)
      )`);
    await q.query(`
      CREATE TABLE event_attachments (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        storage_key text NOT NULL UNIQUE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CONSTRAINT event_attachments_size_bytes_check CHECK (size_bytes > 0),
        description text NOT NULL DEFAULT '',
        uploaded_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX event_attachments_event_idx ON event_attachments (event_id)`);
    await q.query(`
      CREATE TABLE event_outcomes (
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT event_outcomes_kind_check CHECK (kind IN ('use_case', 'thread', 'guide_chapter')),
        target_id integer NOT NULL,
        added_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, kind, target_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_outcomes`);
    await q.query(`DROP TABLE event_attachments`);
    await q.query(`DROP TABLE event_minutes_revisions`);
    await q.query(`DROP TABLE event_minutes`);
  }
}
