import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's daily rollups (src/modules/dashboard/dashboard-daily.entity.ts).
export class DashboardDaily1763700110000 implements MigrationInterface {
  name = 'DashboardDaily1763700110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboard_daily (
        day date NOT NULL,
        metric text NOT NULL,
        administration_id integer NOT NULL DEFAULT 0,
        dim text NOT NULL DEFAULT '',
        value integer NOT NULL,
        PRIMARY KEY (day, metric, administration_id, dim)
      )`);
    await q.query(`CREATE INDEX dashboard_daily_metric_day_idx ON dashboard_daily (metric, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dashboard_daily`);
  }
}
