import type { MigrationInterface, QueryRunner } from 'typeorm';

// Notification channels per member and group (in the app, e-mail at once, digest), the digest's
// schedule, and follows of use-case topics and methods (start page, "like mine" notifications).
export class NotificationPreferencesTopicFollows1763700100000 implements MigrationInterface {
  name = 'NotificationPreferencesTopicFollows1763700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind_group text NOT NULL,
        channel text NOT NULL CONSTRAINT notification_preferences_channel_check CHECK (channel IN ('app', 'email', 'digest')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind_group)
      )`);
    await q.query(`
      CREATE TABLE notification_settings (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        digest_frequency text NOT NULL DEFAULT 'weekly'
          CONSTRAINT notification_settings_frequency_check CHECK (digest_frequency IN ('off', 'daily', 'weekly')),
        digest_weekday smallint NOT NULL DEFAULT 1 CONSTRAINT notification_settings_weekday_check CHECK (digest_weekday BETWEEN 1 AND 7),
        digest_hour smallint NOT NULL DEFAULT 7 CONSTRAINT notification_settings_hour_check CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE use_case_topic_follows (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        facet text NOT NULL CONSTRAINT use_case_topic_follows_facet_check CHECK (facet IN ('topic', 'method')),
        key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, facet, key)
      )`);
    await q.query(`CREATE INDEX use_case_topic_follows_key_idx ON use_case_topic_follows (facet, key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE use_case_topic_follows`);
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
