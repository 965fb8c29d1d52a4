// The browser-test kit. In a describe: `const e = useE2E()`; then `const page = await e.newPage()`,
// `await signInAs(page, e.server, 'facilitator')`, `await expectAccessible(page, 'forum list')`.
// One server and one browser per test file; each newPage() is a fresh cookie-less context,
// closed after its test.
import { startServer, type E2EServer } from './server.js';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, type PageOptions } from './browser.js';

export * from './server.js';
export * from './accessibility.js';
export * from './browser.js';
export * from './journeys.js';
export * from './keyboard.js';

export interface E2E {
  server: E2EServer;
  browser: Browser;
  newPage(opts?: PageOptions): Promise<Page>;
}

export function useE2E(opts: { demo?: boolean; env?: Record<string, string> } = {}): E2E {
  const e = {} as E2E;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    e.server = await startServer(opts);
    e.browser = await launchBrowser();
    e.newPage = async (pageOpts) => {
      const { context, page } = await openPage(e.browser, e.server.baseUrl, pageOpts);
      contexts.push(context);
      return page;
    };
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
  });
  afterAll(async () => {
    await e.browser?.close();
    await e.server?.close();
  });
  return e;
}
