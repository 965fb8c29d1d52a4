// Secrets at rest (SSO client secrets, webhook signing secrets): AES-256-GCM with SECRETS_KEY; a changed value or another key is refused.
// The key comes from the configuration: 32 bytes (base64 or hex); outside production a derived
// development key when unset; in production none (single sign-on stays off).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';
import { decryptSecret, encryptSecret } from '../../src/shared/secrets.js';

describe('secrets at rest', () => {
  it('when a secret is encrypted twice, then the stored values differ and both decrypt to it', () => {
    const key = randomBytes(32);
    const a = encryptSecret(key, 'client-secret');
    const b = encryptSecret(key, 'client-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('client-secret');
    expect(decryptSecret(key, a)).toBe('client-secret');
    expect(decryptSecret(key, b)).toBe('client-secret');
  });

  it('when the stored value was changed or the key is another, then decrypting fails', () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, 'client-secret');
    const [v, iv, tag, data] = stored.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => decryptSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => decryptSecret(randomBytes(32), stored)).toThrow();
    expect(() => decryptSecret(key, 'plain')).toThrow();
  });

  it('when SECRETS_KEY is set, unset in development, or unset in production, then the key is it, derived, or none', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig({ SECRETS_KEY: hex }).secretsKey?.toString('hex')).toBe(hex);
    const b64 = randomBytes(32).toString('base64');
    expect(loadConfig({ SECRETS_KEY: b64 }).secretsKey?.toString('base64')).toBe(b64);
    const dev = loadConfig({ NODE_ENV: 'development' });
    expect(dev.secretsKey).toHaveLength(32);
    expect(dev.secretsKeyDerived).toBe(true);
    const prod = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/praxis', BASE_URL: 'https://praxis.example' });
    expect(prod.secretsKey).toBeNull();
    expect(() => loadConfig({ SECRETS_KEY: 'too-short' })).toThrow(ConfigError);
  });
});
