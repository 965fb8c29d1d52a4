// Random tokens for links, sign-in codes and recovery codes; only hashes are stored. Keyed hashes
// name a person's data (a typed e-mail, an IP address) without storing it.
import { sha256 } from '../../shared/identity.js';
import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
export { sha256 };

/** Ten recovery codes like "k7p2-9xqm-4tds". */
export function newRecoveryCodes(n = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: n }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

const derivedKeys = new Map<string, Buffer>();

/**
 * HMAC-SHA-256 (hex) under a key derived from the server secret for one purpose (`label`), so the
 * same value hashes differently for different purposes and nobody without the secret can test a
 * guessed address against a stored hash. Changing SESSION_SECRET changes every hash.
 */
export function keyedHash(secret: string, label: string, value: string): string {
  const id = `${label}\u0000${secret}`;
  let key = derivedKeys.get(id);
  if (!key) derivedKeys.set(id, (key = Buffer.from(hkdfSync('sha256', secret, '', `praxis ${label}`, 32))));
  return createHmac('sha256', key).update(value).digest('hex');
}

/** A six-digit code for typing, e.g. "042817". */
export const newSignInCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * A short code's stored form: a random salt and the salted hash. The salt keeps equal codes of two
 * members apart (token hashes are unique) and makes a table of all million hashes useless.
 */
export function hashSignInCode(code: string, salt = randomBytes(12).toString('base64url')): string {
  return `code:${salt}:${sha256(`${salt}:${code}`)}`;
}

export function signInCodeMatches(stored: string, code: string): boolean {
  const [, salt] = stored.split(':');
  if (!salt) return false;
  const a = Buffer.from(hashSignInCode(code.replace(/\s/g, ''), salt));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
