// Secrets at rest (single sign-on client secrets, webhook signing secrets): AES-256-GCM with the key from SECRETS_KEY
// (src/config.ts), a fresh 96-bit IV per value, the tag checked on reading. The stored form is
// "v1.<iv>.<tag>.<ciphertext>" in base64url, so a later key or algorithm can be told apart.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** The plain secret; throws when the value was changed or encrypted with another key. */
export function decryptSecret(key: Buffer, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A secret as it is stored: encrypted when a key is configured; as it is when none is (production
 * without SECRETS_KEY), so a deployment without a key keeps working, and the admin page says so.
 */
export const sealSecret = (key: Buffer | null, plain: string): string => (key ? encryptSecret(key, plain) : plain);

/** Whether a stored value is an encrypted one (sealSecret with a key). */
export const isSealed = (stored: string): boolean => stored.startsWith('v1.');

/**
 * The plain secret from its stored form: decrypted when sealed (throws without the key or with
 * another one), as it is when it was stored before a key was configured.
 */
export function openSecret(key: Buffer | null, stored: string): string {
  if (!isSealed(stored)) return stored;
  if (!key) throw new Error('the secret is encrypted and SECRETS_KEY is not set');
  return decryptSecret(key, stored);
}
