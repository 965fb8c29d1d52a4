import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('when nothing is set, then development defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development', PORT: 3000, baseUrl: 'http://localhost:3000', isProduction: false, logPretty: true,
      loadDemo: true, RUN_WORKER: true, SIGNIN_ACCOUNT_MAX_FAILURES: 10, SIGNIN_LOCK_MINUTES: 15, uploadDir: '.data/uploads',
    });
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('when values are given as strings, then they are parsed, and empty strings count as unset', () => {
    const c = loadConfig({ PORT: '8080', TRUST_PROXY: 'yes', LOAD_DEMO: '0', BASE_URL: 'https://praxis.example/', SMTP_URL: '', SIGNIN_ACCOUNT_MAX_FAILURES: '5' });
    expect(c).toMatchObject({ PORT: 8080, TRUST_PROXY: true, loadDemo: false, baseUrl: 'https://praxis.example', SIGNIN_ACCOUNT_MAX_FAILURES: 5 });
    expect(c.SMTP_URL).toBeUndefined();
  });

  it('when DATABASE_REPLICA_URLS is set, then it is a list of postgres URLs next to DATABASE_URL; a wrong one is refused', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://p/praxis', DATABASE_REPLICA_URLS: ' postgres://r1/praxis, postgresql://r2/praxis ,' });
    expect(c.replicaUrls).toEqual(['postgres://r1/praxis', 'postgresql://r2/praxis']);
    expect(c.REPLICA_STICKY_SECONDS).toBe(10);
    expect(loadConfig({}).replicaUrls).toEqual([]);
    expect(problemsOf({ DATABASE_URL: 'postgres://p/praxis', DATABASE_REPLICA_URLS: 'postgres://r1/praxis,mysql://r2' }))
      .toEqual([expect.stringMatching(/^DATABASE_REPLICA_URLS.*each must be a postgres:\/\/ or postgresql:\/\/ URL/)]);
    expect(problemsOf({ DATABASE_REPLICA_URLS: 'postgres://r1/praxis' })).toEqual(['DATABASE_REPLICA_URLS: set, but DATABASE_URL (the primary) is not']);
  });

  it('when several values are wrong, then one ConfigError names every problem', () => {
    const problems = problemsOf({
      PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', LOG_LEVEL: 'loud',
      SESSION_SECRET: 'short', RUN_WORKER: 'maybe', SIGNIN_ACCOUNT_MAX_FAILURES: '0', BASE_URL: 'not a url',
    });
    const fields = problems.map((p) => p.split(':')[0]).sort();
    expect(fields).toEqual(['BASE_URL', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'RUN_WORKER', 'SESSION_SECRET', 'SIGNIN_ACCOUNT_MAX_FAILURES', 'SMTP_URL']);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('must be a postgres:// or postgresql:// URL');
    expect(problems.find((p) => p.startsWith('SESSION_SECRET'))).toContain('at least 32 characters');
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/Invalid configuration:\n {2}- PORT: .*\n {2}- LOG_LEVEL: /);
  });

  it('when production lacks its required settings, then each one is named', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).sort()).toEqual([
      'BASE_URL: required in production', 'DATABASE_URL: required in production', 'SESSION_SECRET: required in production',
    ]);
    const ok = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://db/praxis', BASE_URL: 'https://praxis.example' });
    expect(ok).toMatchObject({ isProduction: true, loadDemo: false, logPretty: false });
  });

  it('when production settings are missing and other values are wrong, then both kinds of problem are named at once', () => {
    expect(problemsOf({ NODE_ENV: 'production', PORT: 'x', SESSION_SECRET: 'x'.repeat(32), BASE_URL: 'https://praxis.example', MEILI_MASTER_KEY: 'k' }).map((p) => p.split(':')[0]).sort())
      .toEqual(['DATABASE_URL', 'MEILI_MASTER_KEY', 'PORT']);
  });

  it('when the per-address post limit is not set, then it is ten times the per-member limit; set, it is taken as given', () => {
    expect(loadConfig({})).toMatchObject({ RATE_LIMIT_POST_PER_MINUTE: 30, rateLimitIpPostPerMinute: 300 });
    expect(loadConfig({ RATE_LIMIT_POST_PER_MINUTE: '12' }).rateLimitIpPostPerMinute).toBe(120);
    expect(loadConfig({ RATE_LIMIT_IP_POST_PER_MINUTE: '50' }).rateLimitIpPostPerMinute).toBe(50);
    expect(problemsOf({ RATE_LIMIT_IP_POST_PER_MINUTE: '0' })).toEqual([expect.stringMatching(/^RATE_LIMIT_IP_POST_PER_MINUTE: /)]);
  });

  it('when a Meilisearch key is set without its URL, then that is a problem', () => {
    expect(problemsOf({ MEILI_MASTER_KEY: 'secret' })).toEqual(['MEILI_MASTER_KEY: set, but MEILI_URL is not']);
  });
});
