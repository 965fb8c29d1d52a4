import type { MigrationInterface, QueryRunner } from 'typeorm';

// Recognition: the facts other modules publish as activity events (one row per fact, with whether
// it holds now and the outbox row that last changed it), and the append-only points ledger whose
// awards and reversals follow them.
export class RecognitionLedger1763700090000 implements MigrationInterface {
  name = 'RecognitionLedger1763700090000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recognition_facts (
        fact text PRIMARY KEY,
        kind text NOT NULL,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        actor_id integer REFERENCES users(id) ON DELETE SET NULL,
        holds boolean NOT NULL,
        version bigint NOT NULL,
        item_type text NOT NULL,
        item_id text NOT NULL,
        title text NOT NULL DEFAULT '',
        url text NOT NULL DEFAULT '',
        competences text[] NOT NULL DEFAULT '{}',
        began_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recognition_facts_user_kind_idx ON recognition_facts (user_id, kind) WHERE holds`);
    await q.query(`
      CREATE TABLE recognition_ledger (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text NOT NULL,
        points integer NOT NULL,
        fact text NOT NULL REFERENCES recognition_facts(fact) ON DELETE CASCADE,
        reverses_id bigint REFERENCES recognition_ledger(id) ON DELETE CASCADE,
        capped boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recognition_ledger_reverses_id_key UNIQUE (reverses_id)
      )`);
    await q.query(`CREATE INDEX recognition_ledger_user_created_idx ON recognition_ledger (user_id, created_at)`);
    await q.query(`CREATE INDEX recognition_ledger_fact_idx ON recognition_ledger (fact)`);
    // The ledger is append-only: rows go only with their member or fact (account deletion).
    await q.query(`
      CREATE FUNCTION recognition_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'recognition_ledger is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER recognition_ledger_no_update BEFORE UPDATE ON recognition_ledger
      FOR EACH ROW EXECUTE FUNCTION recognition_ledger_append_only()`);
    await q.query(`
      CREATE TABLE recognition_state (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recognition_state`);
    await q.query(`DROP TABLE recognition_ledger`);
    await q.query(`DROP FUNCTION recognition_ledger_append_only()`);
    await q.query(`DROP TABLE recognition_facts`);
  }
}
