import type { MigrationInterface, QueryRunner } from 'typeorm';

// dashboard_monthly's triggers recomputed a whole month of a metric (every administration) for each
// statement on dashboard_daily: the 5-minute refresh of two days re-summed about a month of rows per
// metric (≈ 3 s under load at network scale). Now only the (metric, month, administration) the
// statement's rows touched are recomputed — the same result, from the rows of those administrations.
const touched = (rows: string) =>
  `(SELECT DISTINCT metric, date_trunc('month', day)::date AS month, administration_id FROM ${rows} WHERE dim = '')`;
const body = (rows: string) => `
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('dashboard_monthly'));
    DELETE FROM dashboard_monthly m USING ${touched(rows)} k
     WHERE m.metric = k.metric AND m.month = k.month AND m.administration_id = k.administration_id;
    INSERT INTO dashboard_monthly (month, metric, administration_id, value, last_day)
      SELECT k.month, k.metric, k.administration_id, sum(d.value), max(d.day)
        FROM ${touched(rows)} k JOIN dashboard_daily d
          ON d.metric = k.metric AND d.administration_id = k.administration_id AND d.dim = ''
         AND d.day >= k.month AND d.day < (k.month + interval '1 month')::date
       GROUP BY k.month, k.metric, k.administration_id;
    RETURN NULL;
  END`;

const wholeMonth = (rows: string) => `
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
  END`;

export class DashboardMonthlyPerAdministration1763700600001 implements MigrationInterface {
  name = 'DashboardMonthlyPerAdministration1763700600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION dashboard_monthly_from_new() RETURNS trigger LANGUAGE plpgsql AS $$${body('new_rows')}$$`);
    await q.query(`CREATE OR REPLACE FUNCTION dashboard_monthly_from_old() RETURNS trigger LANGUAGE plpgsql AS $$${body('old_rows')}$$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION dashboard_monthly_from_new() RETURNS trigger LANGUAGE plpgsql AS $$${wholeMonth('new_rows')}$$`);
    await q.query(`CREATE OR REPLACE FUNCTION dashboard_monthly_from_old() RETURNS trigger LANGUAGE plpgsql AS $$${wholeMonth('old_rows')}$$`);
  }
}
