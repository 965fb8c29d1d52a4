// axe-core against the rendered page: the WCAG 2.0/2.1 level A and AA rules, plus axe's best
// practices (landmarks, one non-empty h1, heading order), which catch what WCAG rules let through
// (e.g. an empty heading after a form error). axe is evaluated through the DevTools protocol,
// which the page's strict CSP (no inline scripts) does not apply to.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, NodeResult, Result, RunOptions } from 'axe-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DEFAULT_TAGS = [...WCAG_TAGS, 'best-practice'];

export interface Violation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe on the current page and returns the violations (empty when the page passes). */
export async function axeViolations(page: Page, opts: { tags?: string[]; exclude?: string[] } = {}): Promise<Violation[]> {
  await page.waitForLoadState('load');
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) await page.evaluate(axeSource);
  const options: RunOptions = { runOnly: { type: 'tag', values: opts.tags ?? DEFAULT_TAGS }, resultTypes: ['violations'] };
  const context = opts.exclude?.length ? { exclude: opts.exclude } : undefined;
  const results = await page.evaluate(
    async ([ctx, o]) => {
      const g = globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> }; document: unknown };
      return g.axe.run(ctx ?? g.document, o);
    },
    [context, options] as const,
  );
  return results.violations.map((v: Result) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n: NodeResult) => ({
      target: n.target.map(String).join(' '),
      html: n.html.slice(0, 200),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
}

export function formatViolations(where: string, violations: Violation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) lines.push(`    target: ${n.target}\n      html: ${n.html}\n      ${n.summary}`);
  }
  return lines.join('\n');
}

/** Fails with every violation's rule id, targets and help when axe finds anything on the page. */
export async function expectAccessible(page: Page, label?: string, opts: { tags?: string[]; exclude?: string[] } = {}): Promise<void> {
  const violations = await axeViolations(page, opts);
  if (violations.length) {
    const where = label ? `${label} (${new URL(page.url()).pathname}${new URL(page.url()).search})` : page.url();
    throw new Error(formatViolations(where, violations));
  }
}

/**
 * Collects axe findings over many pages and fails once, listing every page's violations:
 * `const audit = new AxeAudit(); await audit.check(page, 'login'); …; audit.assertClean();`
 */
export class AxeAudit {
  readonly checked: string[] = [];
  private readonly problems: string[] = [];

  async check(page: Page, label: string, opts: { tags?: string[]; exclude?: string[] } = {}): Promise<void> {
    const violations = await axeViolations(page, opts);
    const url = new URL(page.url());
    this.checked.push(`${label} (${url.pathname}${url.search})`);
    if (violations.length) this.problems.push(formatViolations(`${label} (${url.pathname}${url.search})`, violations));
  }

  assertClean(): void {
    if (this.problems.length) throw new Error(this.problems.join('\n\n'));
  }
}
