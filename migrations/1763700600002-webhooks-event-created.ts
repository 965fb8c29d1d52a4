import type { MigrationInterface, QueryRunner } from 'typeorm';

// Webhooks: endpoints may subscribe to event.created (an event announced), now that events exist.
const OLD = `ARRAY['use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued']::text[]`;
const NEW = `ARRAY['use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued', 'event.created']::text[]`;

export class WebhooksEventCreated1763700600002 implements MigrationInterface {
  name = 'WebhooksEventCreated1763700600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_events_check`);
    await q.query(`ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) >= 1 AND events <@ ${NEW})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE webhook_endpoints SET events = array_remove(events, 'event.created')`);
    await q.query(`DELETE FROM webhook_endpoints WHERE cardinality(events) = 0`);
    await q.query(`ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_events_check`);
    await q.query(`ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) >= 1 AND events <@ ${OLD})`);
  }
}
