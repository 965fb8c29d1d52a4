import type { MigrationInterface, QueryRunner } from 'typeorm';

// Meeting in practice, the core: working groups ("Arbeitskreise") with their members, and events
// with registrations (waiting list included). Pre-votes, results and the calendar feed add their
// own tables in later migrations.
export class EventsFoundation1763700080000 implements MigrationInterface {
  name = 'EventsFoundation1763700080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_groups (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE CONSTRAINT working_groups_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CONSTRAINT working_groups_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
        purpose_source text NOT NULL DEFAULT '',
        purpose_html text NOT NULL DEFAULT '',
        guiding_questions text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        membership text NOT NULL DEFAULT 'request' CONSTRAINT working_groups_membership_check CHECK (membership IN ('open', 'request', 'invitation')),
        cadence text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'de' CONSTRAINT working_groups_language_check CHECK (language IN ('de', 'en')),
        category_id integer REFERENCES forum_categories(id) ON DELETE SET NULL,
        created_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE working_group_members (
        group_id integer NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'member' CONSTRAINT working_group_members_role_check CHECK (role IN ('lead', 'member')),
        status text NOT NULL DEFAULT 'active' CONSTRAINT working_group_members_status_check CHECK (status IN ('active', 'requested', 'invited')),
        decided_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX working_group_members_user_idx ON working_group_members (user_id)`);

    await q.query(`
      CREATE TABLE events (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uid text NOT NULL UNIQUE,
        slug text NOT NULL CONSTRAINT events_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL CONSTRAINT events_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CONSTRAINT events_kind_check CHECK (kind IN ('workshop', 'meetup', 'webinar', 'barcamp', 'conference', 'group_meeting')),
        format text NOT NULL CONSTRAINT events_format_check CHECK (format IN ('in_person', 'online', 'hybrid')),
        description_source text NOT NULL DEFAULT '',
        description_html text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text NOT NULL DEFAULT '',
        online_url text NOT NULL DEFAULT '',
        capacity integer CONSTRAINT events_capacity_check CHECK (capacity IS NULL OR capacity > 0),
        registration_opens_at timestamptz,
        registration_closes_at timestamptz,
        visibility text NOT NULL DEFAULT 'network' CONSTRAINT events_visibility_check CHECK (visibility IN ('network', 'public', 'group')),
        language text NOT NULL DEFAULT 'de' CONSTRAINT events_language_check CHECK (language IN ('de', 'en')),
        organiser_administration_id integer REFERENCES administrations(id) ON DELETE SET NULL,
        group_id integer REFERENCES working_groups(id) ON DELETE SET NULL,
        created_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        sequence integer NOT NULL DEFAULT 0,
        cancelled_at timestamptz,
        cancel_reason text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_time_check CHECK (ends_at > starts_at),
        CONSTRAINT events_group_visibility_check CHECK (visibility <> 'group' OR group_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX events_starts_idx ON events (starts_at)`);
    await q.query(`CREATE INDEX events_group_idx ON events (group_id) WHERE group_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE event_registrations (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CONSTRAINT event_registrations_status_check CHECK (status IN ('registered', 'waiting', 'cancelled')),
        waiting_since timestamptz,
        share_email boolean NOT NULL DEFAULT false,
        attended boolean,
        reminded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_registrations_event_user_key UNIQUE (event_id, user_id)
      )`);
    await q.query(`CREATE INDEX event_registrations_status_idx ON event_registrations (event_id, status, waiting_since)`);
    await q.query(`CREATE INDEX event_registrations_user_idx ON event_registrations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_registrations`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE working_group_members`);
    await q.query(`DROP TABLE working_groups`);
  }
}
