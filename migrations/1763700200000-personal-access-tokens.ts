import type { MigrationInterface, QueryRunner } from 'typeorm';

// Personal access tokens (/me/tokens): a member's revocable keys for feed readers now and the JSON
// API later. Only the SHA-256 of the token is stored (the token is 32 random bytes, so a plain hash
// is as good as a slow one); the prefix is kept for recognising a token in the list.
export class PersonalAccessTokens1763700200000 implements MigrationInterface {
  name = 'PersonalAccessTokens1763700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_access_tokens (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        scopes text[] NOT NULL,
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT personal_access_tokens_name_check CHECK (char_length(name) BETWEEN 1 AND 80),
        CONSTRAINT personal_access_tokens_scopes_check CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read:public', 'read:network']::text[])
      )`);
    await q.query(`CREATE INDEX personal_access_tokens_user_idx ON personal_access_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_access_tokens`);
  }
}
