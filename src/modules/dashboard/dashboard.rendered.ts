// The dashboard's rendered sections, kept per process. A section whose data is wholly one snapshot
// (keptWhole, dashboard.snapshots.ts) renders to the same HTML for as long as that snapshot is the
// same row — so a page view asks the database once for the stamps of the snapshots it may show
// (snapshotStamps: version and time computed, no data) and reuses the HTML of every section whose
// stamp it has rendered before: no snapshot read or parsed, no template run. At network scale that
// is 150 of the page's 173 KB. Content health and members have live parts
// (the oldest items, the approvals waiting) and render on every view; so does a custom period (no
// snapshot) and a section whose snapshot is not there yet (its first reader computes it).
// Each process keeps its own (a cluster's workers each render once per stamp); the entries are
// bounded by size, the least recently used going first. They are kept as UTF-8 bytes, which the
// page places as they are (PageParts, view-engine.ts): not copied into the page's text and encoded
// again on every view, and outside the JavaScript heap that the production settings keep small.
import type { Application } from 'express';
import { renderFragment } from '../../web/view-engine.js';
import type { DashboardSection, SectionContext } from './dashboard.section.js';
import { snapshotKey } from './dashboard.snapshots.js';
import { snapshotStamps, touchSnapshot } from './snapshots.store.js';

/** Rendered HTML (UTF-8) by snapshot key, valid for one stamp; at most `maxBytes` bytes in all. */
export class RenderedSections {
  private readonly entries = new Map<string, { stamp: string; html: Buffer }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string, stamp: string): Buffer | undefined {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) return undefined;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, e);
    return e.html;
  }

  set(key: string, stamp: string, html: Buffer): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.html.length;
    }
    if (html.length > this.maxBytes) return;
    this.entries.set(key, { stamp, html });
    this.bytes += html.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.html.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** About a dozen period and language pairs (≈ 150 KB each at network scale). */
export const RENDERED_MAX_BYTES = 2_000_000;

/**
 * Every section's HTML as UTF-8, in the order given, for the page (c.snapshots 'use'): kept sections
 * from `kept` when their snapshot's stamp is the one rendered, else loaded and rendered (and kept
 * when the snapshot was there to stamp it).
 */
export async function renderSections(app: Application, c: SectionContext, sections: DashboardSection[], query: string, kept: RenderedSections): Promise<Buffer[]> {
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
    const rendered = Buffer.from(await renderFragment(app, 'dashboard/section', { lang: c.lang, partial: s.partial, data: await s.load(c), query }), 'utf8');
    if (key && stamp) kept.set(key, stamp.stamp, rendered);
    return rendered;
  }));
}
