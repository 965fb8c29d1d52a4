import type { MigrationInterface, QueryRunner } from 'typeorm';

// Data: queues the recognition module's one-time backfill (the facts that already hold in the
// other modules' data, then the badges they earn) for the worker, so it runs once per database,
// in the background, and never inside a request or the hourly housekeeping.
export class RecognitionBackfill1763700096000 implements MigrationInterface {
  name = 'RecognitionBackfill1763700096000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO outbox (topic, key, payload) VALUES ('recognition.backfill', 'recognition.backfill', '{}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox WHERE topic = 'recognition.backfill' AND processed_at IS NULL`);
  }
}
