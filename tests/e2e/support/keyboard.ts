// Checks axe cannot make: a visible focus indicator on everything reachable with Tab (WCAG 2.4.7)
// and no sideways scrolling at 320 CSS pixels, i.e. 1280 px at 400 % zoom (WCAG 1.4.10).
import type { Page } from 'playwright-core';

interface FocusInfo {
  what: string;
  indicated: boolean;
}

/** Tabs through the page (at most `max` stops) and names each focused element without a focus indicator. */
export async function elementsWithoutFocusIndicator(page: Page, max = 80): Promise<string[]> {
  const missing = new Set<string>();
  await page.locator('body').evaluate((b) => (b as unknown as { focus(): void }).focus());
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow && cs.boxShadow !== 'none';
      const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 30);
      return { what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + label + '"', indicated: outline || !!shadow };
    })()`)) as FocusInfo | null;
    if (!info) break; // focus left the document: every stop was visited
    if (!info.indicated) missing.add(info.what);
  }
  return [...missing];
}

/** How far the page scrolls sideways (0 when it reflows); content inside scroll containers does not count. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`) as Promise<number>;
}
