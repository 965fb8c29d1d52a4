// Browser tests (tests/e2e/**/*.test.ts): the real app in-process on a loopback port, driven by
// Debian's Chromium through playwright-core, with axe-core on every page. One file at a time
// (one browser, one server per file); the throw-away PostgreSQL is shared with the unit setup.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 60,
};
