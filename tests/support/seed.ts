// One seed for every property test (fast-check), set for each test file by jest's setupFilesAfterEnv:
// fixed, so that `npm test` (and CI) is repeatable and a failure can be replayed; `FUZZ_SEED=<number>`
// replays or varies it, `FUZZ_SEED=random` draws a new one (fast-check prints it with a failure).
import fc from 'fast-check';

function fuzzSeed(): number {
  const env = process.env.FUZZ_SEED;
  if (env === 'random') return Date.now() % 1_000_000;
  return env ? Number(env) : 20261204;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fuzzSeed() });
