// Unit and integration tests (tests/**/*.test.ts, not the browser tests in tests/e2e nor the
// cluster test in tests/cluster).
// A throw-away embedded PostgreSQL is started once for the run (or TEST_DATABASE_URL is used);
// test files run in parallel on both cores and isolate themselves through factories.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/cluster/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Every property test runs with one seed (FUZZ_SEED, fixed by default): tests/support/seed.ts.
  setupFilesAfterEnv: ['<rootDir>/tests/support/seed.ts'],
  maxWorkers: 2,
  // A worker keeps every test file's module graph it has loaded: past about 200 files one ran into the
  // 4 GB heap limit near the end of the run (CI). A worker above 1 GB after a file is replaced.
  workerIdleMemoryLimit: '1GB',
  // Generous: on a two-core CI machine a test's drain runs every file's due outbox jobs on the shared
  // database. Raised from 60 s after two CI runs (2026-12-06) each had one test wait past 60 s inside
  // t.drain(): drains of 10–24 s sent 2,400–5,300 notification e-mails that other files' review
  // requests had addressed to every facilitator and admin earlier files had left behind (500 by the
  // end of a run). Since then a file's staff step down when it ends (tests/support/factories.ts): a
  // whole run queues about 1,200 such e-mails instead of 15,000 and no drain takes 10 s. The limit
  // stays: a slower CI machine should not fail a test that waits; a test that truly hangs still fails.
  testTimeout: 180_000,
};
