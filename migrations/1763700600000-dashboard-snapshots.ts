import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's period figures as computed from the rollups, kept per section, language and period
// (dashboard_snapshots), valid while dashboard_state.version is unchanged: every rollup rebuild adds
// one to it in its own transaction, and the worker recomputes the snapshots read in the last 7 days
// right after its refresh. Without them the 12-month page cost ≈ 0.5 s of database time at
// network scale (bench:dashboard); with them a few primary-key reads. Custom periods are not kept.
export class DashboardSnapshots1763700600000 implements MigrationInterface {
  name = 'DashboardSnapshots1763700600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dashboard_state (
      id integer NOT NULL DEFAULT 1, version bigint NOT NULL DEFAULT 1,
      CONSTRAINT dashboard_state_pkey PRIMARY KEY (id), CONSTRAINT dashboard_state_one_row CHECK (id = 1))`);
    await q.query(`INSERT INTO dashboard_state (id, version) VALUES (1, 1)`);
    await q.query(`CREATE TABLE dashboard_snapshots (
      key text NOT NULL, lang text NOT NULL, query text NOT NULL, version bigint NOT NULL, data jsonb NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now(), read_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dashboard_snapshots_pkey PRIMARY KEY (key))`);
    await q.query(`CREATE INDEX dashboard_snapshots_read_at_idx ON dashboard_snapshots (read_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dashboard_snapshots`);
    await q.query(`DROP TABLE dashboard_state`);
  }
}
