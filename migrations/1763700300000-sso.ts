import type { MigrationInterface, QueryRunner } from 'typeorm';

// Single sign-on with OpenID Connect, per administration: the provider's settings (the client
// secret encrypted with AES-256-GCM, see src/modules/sso/secrets.ts) and the links between an
// account and the provider's subject, so a later sign-in finds the account without the e-mail.
export class Sso1763700300000 implements MigrationInterface {
  name = 'Sso1763700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_providers (
        administration_id integer PRIMARY KEY REFERENCES administrations(id) ON DELETE CASCADE,
        issuer_url text NOT NULL,
        client_id text NOT NULL,
        client_secret_encrypted text NOT NULL,
        allowed_domains text[] NOT NULL DEFAULT '{}',
        department_claim text,
        enabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sso_identities (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        administration_id integer NOT NULL REFERENCES administrations(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX sso_identities_subject_key ON sso_identities (issuer, subject)`);
    await q.query(`CREATE INDEX sso_identities_user_idx ON sso_identities (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_identities`);
    await q.query(`DROP TABLE sso_providers`);
  }
}
