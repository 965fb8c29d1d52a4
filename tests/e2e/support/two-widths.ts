// The same person at 1280 px and at 320 px (400 % zoom): every page a test opens is checked with
// axe at both widths, for duplicate ids, and at 320 px for sideways scrolling.
import type { Page } from 'playwright-core';
import type { AxeAudit } from './accessibility.js';
import { sidewaysOverflow } from './keyboard.js';
import { signIn, visit, type Member } from './journeys.js';
import type { E2E } from './index.js';

export class TwoWidths {
  readonly overflow: string[] = [];
  readonly duplicateIds: string[] = [];
  private constructor(
    readonly wide: Page, readonly narrow: Page, readonly who: string, private readonly audit: AxeAudit,
    /** When set, every error state checked with errors() must answer this status (e.g. 422). */
    private readonly errorStatus?: number,
  ) {}

  static async open(
    e: E2E, audit: AxeAudit, who: string, member?: Member, locale: 'de-DE' | 'en-GB' = 'de-DE', opts: { errorStatus?: number } = {},
  ): Promise<TwoWidths> {
    const wide = await e.newPage({ locale });
    const narrow = await e.newPage({ width: 320, locale });
    if (member) {
      await signIn(wide, member);
      await signIn(narrow, member);
    }
    return new TwoWidths(wide, narrow, who, audit, opts.errorStatus);
  }

  private async record(page: Page, label: string): Promise<void> {
    const width = page === this.wide ? 1280 : 320;
    await this.audit.check(page, `${label} (${this.who}, ${width} px)`);
    // axe 4.x no longer reports duplicate ids of elements nobody refers to; labels and fragment links still break on them.
    const dupes = (await page.evaluate(`(() => {
      const seen = new Map();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    })()`)) as string[];
    if (dupes.length) this.duplicateIds.push(`${label} (${this.who}): ${dupes.join(', ')}`);
    if (width === 320) {
      const px = await sidewaysOverflow(page);
      if (px > 0) this.overflow.push(`${label} (${this.who}) ${new URL(page.url()).pathname}: ${px}px`);
    }
  }

  /** Opens `path` at both widths and checks it. */
  async page(label: string, path: string, status = 200): Promise<void> {
    for (const p of [this.wide, this.narrow]) {
      await visit(p, path, status);
      await this.record(p, label);
    }
  }

  /** Opens `path`, optionally prepares the form, sends the form posting to `action` and checks the error state. */
  async errors(label: string, path: string, action: string, prepare?: (page: Page) => Promise<void>): Promise<void> {
    for (const p of [this.wide, this.narrow]) {
      await visit(p, path);
      if (prepare) await prepare(p);
      // The form posting exactly to `action` (or with a query, as the upload's CSRF token; the agenda page has several).
      const [response] = await Promise.all([
        p.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action),
        p.waitForEvent('load'),
        p.locator(`main form[action="${action}"], main form[action^="${action}?"]`).first().locator('button[type="submit"]').first().click(),
      ]);
      if (this.errorStatus !== undefined && response.status() !== this.errorStatus) {
        throw new Error(`${label}: ${response.status()} instead of ${this.errorStatus} at ${p.url()}`);
      }
      const shown = await p.locator('#error-summary, .kern-error').count();
      if (!shown) throw new Error(`${label}: no error shown at ${p.url()}: ${(await p.locator('main').innerText()).slice(0, 300)}`);
      await this.record(p, label);
    }
  }

  /** Checks whatever both pages show now (after a step done on each). */
  async current(label: string): Promise<void> {
    for (const p of [this.wide, this.narrow]) await this.record(p, label);
  }

  get problems(): string[] {
    return [...this.overflow, ...this.duplicateIds];
  }
}
