// Fuzz over the forms of guides and academy (see tests/support/fuzz.ts).
import { beforeAll, describe, it } from '@jest/globals';
import { usePrivateDatabase } from '../support/accounts-factories.js';
import { useTestApp } from '../support/app.js';
import { createFixtures, FORMS, runForm } from '../support/fuzz.js';

const MINE = /^\/(guides|academy)(\/|$)/;

describe('fuzzed forms: guides and academy', () => {
  const env = usePrivateDatabase();
  const t = useTestApp(env);
  let ctx: Awaited<ReturnType<typeof createFixtures>>;
  beforeAll(async () => {
    ctx = await createFixtures(t);
  });
  for (const form of FORMS.filter((f) => MINE.test(f.route))) {
    it(`POST ${form.route}: no 5xx, damaged text 400, nothing stored on refusal`, async () => {
      await runForm(t, form, ctx, 100);
    });
  }
});
