import type { MigrationInterface, QueryRunner } from 'typeorm';

// Signed webhooks (src/modules/webhooks): endpoints admins register, one delivery per event and
// endpoint (the same webhook-id on every retry), and one row per attempt for the delivery log.
// The secret is kept as issued (it signs every delivery, so it cannot be hashed); the previous one
// stays valid for a day after a rotation, so receivers can switch without losing deliveries.
export class Webhooks1763700500000 implements MigrationInterface {
  name = 'Webhooks1763700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        events text[] NOT NULL,
        include_network boolean NOT NULL DEFAULT false,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        disabled_at timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_url_check CHECK (char_length(url) BETWEEN 1 AND 2000),
        CONSTRAINT webhook_endpoints_description_check CHECK (char_length(description) <= 200),
        CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) >= 1 AND events <@ ARRAY['use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued']::text[]),
        CONSTRAINT webhook_endpoints_disabled_reason_check CHECK (disabled_reason IN ('admin', 'failures'))
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        endpoint_id integer NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        message_id text NOT NULL UNIQUE,
        event_key text NOT NULL,
        type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        completed_at timestamptz,
        CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'succeeded', 'failed')),
        CONSTRAINT webhook_deliveries_event_uq UNIQUE (endpoint_id, event_key)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at)`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        response_ms integer,
        error text,
        response_body text
      )`);
    await q.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
