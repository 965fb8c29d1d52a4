import type { MigrationInterface, QueryRunner } from 'typeorm';

// Data backfill for NotificationVars1763700060000: adoption notifications written before it name
// no administration. The declaring member's administration is the adopting one (a member can only
// declare for their own); where the member has since been deleted, the message names none.
export class NotificationVarsBackfill1763700061000 implements MigrationInterface {
  name = 'NotificationVarsBackfill1763700061000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE notifications n SET vars = jsonb_build_object('administration', a.name)
        FROM users u JOIN administrations a ON a.id = u.administration_id
       WHERE n.kind = 'usecase.adopted' AND n.vars = '{}'::jsonb AND u.id = n.actor_id`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the column (and with it the values) goes with the schema migration's down.
  }
}
