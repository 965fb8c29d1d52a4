// The start page as plain view objects: each block with its translated heading and link.
import type { StartBlock } from '../module.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

export interface StartBlockView {
  key: string;
  id: string;
  headingId: string;
  title: string;
  partial: string;
  data: unknown;
  empty: boolean;
  /** Across the whole width (the onboarding, order below 10); the others two per row on wide screens. */
  wide: boolean;
  showAll: { href: string; label: string } | null;
}

export function startPageView(page: { since: Date; blocks: StartBlock[] }, t: T): { since: string; blocks: StartBlockView[] } {
  return {
    since: page.since.toISOString(),
    blocks: page.blocks.map((b) => ({
      key: b.key,
      id: `start-${b.key}`,
      headingId: `start-${b.key}-heading`,
      title: t(b.title),
      partial: b.partial,
      data: b.data,
      empty: b.empty,
      wide: b.order < 10,
      showAll: b.showAll ? { href: b.showAll.href, label: t(b.showAll.label) } : null,
    })),
  };
}
