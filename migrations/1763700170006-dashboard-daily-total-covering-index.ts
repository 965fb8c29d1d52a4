import type { MigrationInterface, QueryRunner } from 'typeorm';

// The hot topics read ~70,000 rows of dashboard_daily_total for two 12-month periods (tags, replies
// in tagged threads, policy areas, methods per day): with the dimension and the value in the index
// they are an index-only scan (the full rebuild vacuums the table). Replaces the (metric, day) index.
export class DashboardDailyTotalCoveringIndex1763700170006 implements MigrationInterface {
  name = 'DashboardDailyTotalCoveringIndex1763700170006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX dashboard_daily_total_metric_day_dim_idx ON dashboard_daily_total (metric, day, dim) INCLUDE (value)`);
    await q.query(`DROP INDEX dashboard_daily_total_metric_day_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX dashboard_daily_total_metric_day_idx ON dashboard_daily_total (metric, day)`);
    await q.query(`DROP INDEX dashboard_daily_total_metric_day_dim_idx`);
  }
}
