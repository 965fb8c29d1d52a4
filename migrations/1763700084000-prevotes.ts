import type { MigrationInterface, QueryRunner } from 'typeorm';

// The topic pre-vote (Vorab-Abstimmung) before an event: members propose topics, facilitators merge
// duplicates and reject off-topic ones, members give dots; the top topics become the event's agenda.
export class Prevotes1763700084000 implements MigrationInterface {
  name = 'Prevotes1763700084000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prevotes (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id integer NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
        question text NOT NULL CONSTRAINT prevotes_question_check CHECK (char_length(question) BETWEEN 1 AND 500),
        proposals_close_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        votes_per_person integer NOT NULL CONSTRAINT prevotes_votes_per_person_check CHECK (votes_per_person BETWEEN 1 AND 20),
        max_per_topic integer NOT NULL CONSTRAINT prevotes_max_per_topic_check CHECK (max_per_topic BETWEEN 1 AND 5),
        proposers text NOT NULL DEFAULT 'network' CONSTRAINT prevotes_proposers_check CHECK (proposers IN ('network', 'group')),
        show_interim boolean NOT NULL DEFAULT false,
        closed_at timestamptz,
        created_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT prevotes_deadlines_check CHECK (closes_at >= proposals_close_at)
      )`);
    await q.query(`
      CREATE TABLE prevote_topics (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        prevote_id integer NOT NULL REFERENCES prevotes(id) ON DELETE CASCADE,
        title text NOT NULL CONSTRAINT prevote_topics_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CONSTRAINT prevote_topics_description_check CHECK (char_length(description) <= 2000),
        proposer_id integer REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'proposed' CONSTRAINT prevote_topics_status_check CHECK (status IN ('proposed', 'rejected', 'merged')),
        reject_reason text NOT NULL DEFAULT '',
        merged_into_id integer REFERENCES prevote_topics(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prevote_topics_prevote_idx ON prevote_topics (prevote_id, status)`);
    await q.query(`CREATE INDEX prevote_topics_proposer_idx ON prevote_topics (proposer_id) WHERE proposer_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE prevote_topic_use_cases (
        topic_id integer NOT NULL REFERENCES prevote_topics(id) ON DELETE CASCADE,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        PRIMARY KEY (topic_id, use_case_id)
      )`);
    await q.query(`
      CREATE TABLE prevote_votes (
        prevote_id integer NOT NULL REFERENCES prevotes(id) ON DELETE CASCADE,
        topic_id integer NOT NULL REFERENCES prevote_topics(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        dots integer NOT NULL CONSTRAINT prevote_votes_dots_check CHECK (dots > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic_id, user_id)
      )`);
    await q.query(`CREATE INDEX prevote_votes_user_idx ON prevote_votes (prevote_id, user_id)`);
    await q.query(`CREATE INDEX prevote_votes_member_idx ON prevote_votes (user_id)`);

    await q.query(`
      CREATE TABLE event_agenda_items (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL CONSTRAINT event_agenda_items_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CONSTRAINT event_agenda_items_description_check CHECK (char_length(description) <= 2000),
        starts_at timestamptz,
        duration_minutes integer CONSTRAINT event_agenda_items_duration_check CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440),
        topic_id integer REFERENCES prevote_topics(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX event_agenda_items_event_idx ON event_agenda_items (event_id, position)`);
    await q.query(`
      CREATE TABLE event_agenda_presenters (
        item_id integer NOT NULL REFERENCES event_agenda_items(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (item_id, user_id)
      )`);
    await q.query(`CREATE INDEX event_agenda_presenters_user_idx ON event_agenda_presenters (user_id)`);
    await q.query(`
      CREATE TABLE event_agenda_use_cases (
        item_id integer NOT NULL REFERENCES event_agenda_items(id) ON DELETE CASCADE,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        PRIMARY KEY (item_id, use_case_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_agenda_use_cases`);
    await q.query(`DROP TABLE event_agenda_presenters`);
    await q.query(`DROP TABLE event_agenda_items`);
    await q.query(`DROP TABLE prevote_votes`);
    await q.query(`DROP TABLE prevote_topic_use_cases`);
    await q.query(`DROP TABLE prevote_topics`);
    await q.query(`DROP TABLE prevotes`);
  }
}
