import type { MigrationInterface, QueryRunner } from 'typeorm';

// Grants of contribution badges and micro-degrees, each an Open Badges 2.0 assertion (hosted
// verification, salted recipient hash, revocation) like the academy's certificates. A deleted
// member's assertions stay as revoked tombstones without them, so their hosted URLs answer 410.
export class RecognitionAssertions1763700091000 implements MigrationInterface {
  name = 'RecognitionAssertions1763700091000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recognition_assertions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CONSTRAINT recognition_assertions_kind_check CHECK (kind IN ('badge', 'microdegree')),
        class_key text NOT NULL,
        user_id integer REFERENCES users(id) ON DELETE SET NULL,
        source_key text NOT NULL DEFAULT '',
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by integer REFERENCES users(id) ON DELETE SET NULL,
        grant_reason text,
        evidence jsonb NOT NULL DEFAULT '[]',
        identity_hash text NOT NULL CONSTRAINT recognition_assertions_identity_hash_check CHECK (identity_hash ~ '^sha256\\$[0-9a-f]{64}$'),
        salt text NOT NULL,
        revoked_at timestamptz,
        revoked_by integer REFERENCES users(id) ON DELETE SET NULL,
        revocation_reason text,
        CONSTRAINT recognition_assertions_grant_key UNIQUE (kind, class_key, user_id, source_key)
      )`);
    await q.query(`CREATE INDEX recognition_assertions_user_idx ON recognition_assertions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recognition_assertions`);
  }
}
