// Debian's Chromium driven by playwright-core (no browser download): headless, no network
// chatter of its own, a fresh temporary profile per launch (playwright's default for launch()).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface PageOptions {
  /** false: a context with JavaScript switched off (progressive enhancement check). */
  javaScript?: boolean;
  /** The browser's language (Accept-Language and navigator.language); German by default. */
  locale?: 'de-DE' | 'en-GB';
  /** Viewport width in CSS pixels; 1280 by default. */
  width?: number;
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
}

/** A new, cookie-less browser context on `baseUrl`, so `page.goto('/login')` works. */
export async function openPage(browser: Browser, baseUrl: string, opts: PageOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: opts.javaScript ?? true,
    locale: opts.locale ?? 'de-DE',
    viewport: { width: opts.width ?? 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}
