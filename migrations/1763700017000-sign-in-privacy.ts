import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in throttle without plain e-mail addresses, and e-mailed sign-in codes.
// - sign_in_throttle.key becomes a keyed hash (HMAC, src/modules/accounts/throttle.ts) instead of the
//   typed e-mail or IP address, and every row gets an expiry after which it is deleted. The old rows
//   hold typed addresses in plain text and at most a 15-minute lock: they are deleted, not converted
//   (the key for the hash is not available to SQL).
// - user_tokens may hold a six-digit sign-in code (purpose 'sign_in_code'), with a count of wrong tries
//   and the (hashed) challenge of the sign-in it belongs to.
export class SignInPrivacy1763700017000 implements MigrationInterface {
  name = 'SignInPrivacy1763700017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sign_in_throttle`);
    await q.query(`ALTER TABLE sign_in_throttle ADD COLUMN expires_at timestamptz NOT NULL`);
    await q.query(`CREATE INDEX sign_in_throttle_expires_idx ON sign_in_throttle (expires_at)`);

    await q.query(`ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check`);
    await q.query(`ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
                     CHECK (purpose IN ('confirm_email', 'reset_password', 'sign_in_code'))`);
    await q.query(`ALTER TABLE user_tokens ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE user_tokens ADD COLUMN challenge text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM user_tokens WHERE purpose = 'sign_in_code'`);
    await q.query(`ALTER TABLE user_tokens DROP COLUMN challenge`);
    await q.query(`ALTER TABLE user_tokens DROP COLUMN attempts`);
    await q.query(`ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check`);
    await q.query(`ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
                     CHECK (purpose IN ('confirm_email', 'reset_password'))`);

    // Hashed keys mean nothing to the old code, which looks rows up by the typed address.
    await q.query(`DELETE FROM sign_in_throttle`);
    await q.query(`DROP INDEX sign_in_throttle_expires_idx`);
    await q.query(`ALTER TABLE sign_in_throttle DROP COLUMN expires_at`);
  }
}
