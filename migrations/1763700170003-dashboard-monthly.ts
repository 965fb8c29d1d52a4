import type { MigrationInterface, QueryRunner } from 'typeorm';

// "Where participation comes from" at network scale (bench:dashboard, 400 administrations): the
// per-administration sums of two periods read ~400,000 daily rows per view. dashboard_monthly holds
// dashboard_daily's rows without a dimension per month and administration (the sum, and the last day
// with a row), so whole months are read from it and only the days at a period's edges from
// dashboard_daily. Kept by statement-level triggers on dashboard_daily: the months a statement touched
// are recomputed from it (under a transaction-level advisory lock, so concurrent writers serialise).
export class DashboardMonthly1763700170003 implements MigrationInterface {
  name = 'DashboardMonthly1763700170003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dashboard_monthly (
      month date NOT NULL, metric text NOT NULL, administration_id integer NOT NULL, value bigint NOT NULL, last_day date NOT NULL,
      CONSTRAINT dashboard_monthly_pkey PRIMARY KEY (metric, month, administration_id))`);
    for (const [name, rows] of [['dashboard_monthly_from_new', 'new_rows'], ['dashboard_monthly_from_old', 'old_rows']]) {
      await q.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('dashboard_monthly'));
          DELETE FROM dashboard_monthly m USING (SELECT DISTINCT metric, date_trunc('month', day)::date AS month FROM ${rows} WHERE dim = '') k
           WHERE m.metric = k.metric AND m.month = k.month;
          INSERT INTO dashboard_monthly (month, metric, administration_id, value, last_day)
            SELECT k.month, k.metric, d.administration_id, sum(d.value), max(d.day)
              FROM (SELECT DISTINCT metric, date_trunc('month', day)::date AS month FROM ${rows} WHERE dim = '') k JOIN dashboard_daily d
                ON d.metric = k.metric AND d.day >= k.month AND d.day < (k.month + interval '1 month')::date AND d.dim = ''
             GROUP BY k.month, k.metric, d.administration_id;
          RETURN NULL;
        END $$`);
    }
    await q.query(`CREATE TRIGGER dashboard_monthly_ins AFTER INSERT ON dashboard_daily
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_from_new()`);
    await q.query(`CREATE TRIGGER dashboard_monthly_del AFTER DELETE ON dashboard_daily
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_from_old()`);
    await q.query(`CREATE TRIGGER dashboard_monthly_upd_old AFTER UPDATE ON dashboard_daily
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_from_old()`);
    await q.query(`CREATE TRIGGER dashboard_monthly_upd_new AFTER UPDATE ON dashboard_daily
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_from_new()`);
    await q.query(`INSERT INTO dashboard_monthly (month, metric, administration_id, value, last_day)
      SELECT date_trunc('month', day)::date, metric, administration_id, sum(value), max(day) FROM dashboard_daily WHERE dim = ''
       GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['upd_new', 'upd_old', 'del', 'ins']) await q.query(`DROP TRIGGER dashboard_monthly_${t} ON dashboard_daily`);
    await q.query(`DROP FUNCTION dashboard_monthly_from_old()`);
    await q.query(`DROP FUNCTION dashboard_monthly_from_new()`);
    await q.query(`DROP TABLE dashboard_monthly`);
  }
}
