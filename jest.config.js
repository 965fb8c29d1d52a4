// Unit and integration tests (tests/**/*.test.ts, not the browser tests in tests/e2e).
// A throw-away embedded PostgreSQL is started once for the run (or TEST_DATABASE_URL is used);
// test files run in parallel on both cores and isolate themselves through factories.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Every property test runs with one seed (FUZZ_SEED, fixed by default): tests/support/seed.ts.
  setupFilesAfterEnv: ['<rootDir>/tests/support/seed.ts'],
  maxWorkers: 2,
  // Generous: on a two-core CI machine a test's drain can wait behind other files' outbox jobs.
  testTimeout: 60_000,
};
