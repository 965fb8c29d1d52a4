// Once per browser-test run: fail early and clearly when there is no Chromium, then start the
// same throw-away PostgreSQL as the unit tests (or use TEST_DATABASE_URL).
import { existsSync } from 'node:fs';

export default async function globalSetup(): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  const shared = await import(new URL('../../support/global-setup.ts', import.meta.url).href);
  await shared.default();
}
