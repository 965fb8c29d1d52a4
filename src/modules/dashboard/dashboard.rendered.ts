// The dashboard's rendered sections, kept per process. A section whose data is wholly one snapshot
// (keptWhole, dashboard.snapshots.ts) renders to the same HTML for as long as that snapshot is the
// same row — so a page view asks the database once for the stamps of the snapshots it may show
// (snapshotStamps: version and time computed, no data) and reuses the HTML of every section whose
// stamp it has rendered before: no snapshot read or parsed, no template run. At network scale that
// is 150 of the page's 173 KB. Content health and members have live parts
// (the oldest items, the approvals waiting) and render on every view; so does a custom period (no
// snapshot) and a section whose snapshot is not there yet (its first reader computes it).
// Each process keeps its own (a cluster's workers each render once per stamp); the entries are
// bounded by size, the least recently used going first.
import type { Application } from 'express';
import { renderFragment } from '../../web/view-engine.js';
import type { DashboardSection, SectionContext } from './dashboard.section.js';
import { snapshotKey } from './dashboard.snapshots.js';
import { snapshotStamps, touchSnapshot } from './snapshots.store.js';

/** Rendered HTML by snapshot key, valid for one stamp; at most `maxChars` characters in all. */
export class RenderedSections {
  private readonly entries = new Map<string, { stamp: string; html: string }>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string, stamp: string): string | undefined {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) return undefined;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, e);
    return e.html;
  }

  set(key: string, stamp: string, html: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.chars -= old.html.length;
    }
    if (html.length > this.maxChars) return;
    this.entries.set(key, { stamp, html });
    this.chars += html.length;
    for (const [k, e] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= e.html.length;
    }
  }

  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }
}

/**
 * About a dozen period and language pairs (≈ 150,000 characters each at network scale); at most 4 MB
 * of the heap (2 bytes per character when a page holds a character beyond Latin-1, as "–" does).
 */
export const RENDERED_MAX_CHARS = 2_000_000;

/**
 * Every section's HTML, in the order given, for the page (c.snapshots 'use'): kept sections from
 * `kept` when their snapshot's stamp is the one rendered, else loaded and rendered (and kept when
 * the snapshot was there to stamp it).
 */
export async function renderSections(app: Application, c: SectionContext, sections: DashboardSection[], query: string, kept: RenderedSections): Promise<string[]> {
  const keys = sections.map((s) => (s.kept ? snapshotKey(c, s.kept) : null));
  const wanted = keys.filter((k): k is string => k !== null);
  const stamps = wanted.length ? await snapshotStamps(c.ds, wanted) : new Map<string, never>();
  return Promise.all(sections.map(async (s, i) => {
    const key = keys[i];
    const stamp = key ? stamps.get(key) : undefined;
    const html = key && stamp ? kept.get(key, stamp.stamp) : undefined;
    if (html !== undefined) {
      // What snapshot() does on a read: the worker recomputes the snapshots read in the last 7 days.
      if (stamp!.stale && stamp!.current) await touchSnapshot(c.ds, key!);
      return html;
    }
    const rendered = await renderFragment(app, 'dashboard/section', { lang: c.lang, partial: s.partial, data: await s.load(c), query });
    if (key && stamp) kept.set(key, stamp.stamp, rendered);
    return rendered;
  }));
}
