import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard at network scale (bench:dashboard, 400 administrations): dashboard_daily holds nearly
// one row per event (its grain is day, metric, administration, dimension), so network-wide sums read
// ~500,000 rows per page view. dashboard_daily_total is the same without the administration: kept
// equal to the sums of dashboard_daily by statement-level triggers (transition tables), so every
// writer of dashboard_daily — the rebuild, tests, a manual fix — keeps it right without knowing of it.
export class DashboardDailyTotal1763700170000 implements MigrationInterface {
  name = 'DashboardDailyTotal1763700170000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dashboard_daily_total (
      day date NOT NULL, metric text NOT NULL, dim text NOT NULL DEFAULT '', value bigint NOT NULL,
      CONSTRAINT dashboard_daily_total_pkey PRIMARY KEY (day, metric, dim))`);
    await q.query(`CREATE INDEX dashboard_daily_total_metric_day_idx ON dashboard_daily_total (metric, day)`);
    // Added and removed rows are folded in per (day, metric, dim); totals that fall to 0 go.
    await q.query(`CREATE FUNCTION dashboard_daily_total_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO dashboard_daily_total (day, metric, dim, value)
          SELECT day, metric, dim, sum(value) FROM new_rows GROUP BY day, metric, dim ORDER BY day, metric, dim
          ON CONFLICT (day, metric, dim) DO UPDATE SET value = dashboard_daily_total.value + EXCLUDED.value;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION dashboard_daily_total_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE dashboard_daily_total t SET value = t.value - o.value
          FROM (SELECT day, metric, dim, sum(value) AS value FROM old_rows GROUP BY day, metric, dim) o
         WHERE t.day = o.day AND t.metric = o.metric AND t.dim = o.dim;
        DELETE FROM dashboard_daily_total t USING (SELECT DISTINCT day, metric, dim FROM old_rows) o
         WHERE t.day = o.day AND t.metric = o.metric AND t.dim = o.dim AND t.value = 0;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER dashboard_daily_total_ins AFTER INSERT ON dashboard_daily
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_daily_total_add()`);
    await q.query(`CREATE TRIGGER dashboard_daily_total_del AFTER DELETE ON dashboard_daily
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_daily_total_remove()`);
    // An update is a removal of the old rows and an addition of the new ones.
    await q.query(`CREATE TRIGGER dashboard_daily_total_upd_old AFTER UPDATE ON dashboard_daily
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_daily_total_remove()`);
    await q.query(`CREATE TRIGGER dashboard_daily_total_upd_new AFTER UPDATE ON dashboard_daily
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_daily_total_add()`);
    await q.query(`INSERT INTO dashboard_daily_total (day, metric, dim, value)
      SELECT day, metric, dim, sum(value) FROM dashboard_daily GROUP BY day, metric, dim`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER dashboard_daily_total_upd_new ON dashboard_daily`);
    await q.query(`DROP TRIGGER dashboard_daily_total_upd_old ON dashboard_daily`);
    await q.query(`DROP TRIGGER dashboard_daily_total_del ON dashboard_daily`);
    await q.query(`DROP TRIGGER dashboard_daily_total_ins ON dashboard_daily`);
    await q.query(`DROP FUNCTION dashboard_daily_total_remove()`);
    await q.query(`DROP FUNCTION dashboard_daily_total_add()`);
    await q.query(`DROP TABLE dashboard_daily_total`);
  }
}
