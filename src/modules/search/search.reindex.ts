// Full rebuild without downtime: a new index (table or Meilisearch index) is filled from the
// database through the modules' sources while the live one keeps serving, then swapped in
// atomically. Changes made during the build were applied to the old index by the worker; they are
// queued again after the swap so that none is lost (the version gate makes the replay harmless).
import type { DataSource } from 'typeorm';
import { SEARCH_TOPIC, type SearchDocType, type SearchIdLister } from '../../shared/search-index.js';
import type { SearchEngine, VersionedDocument } from './search.engine.js';
import type { SearchSources } from './search.indexer.js';
import { newestOutboxId, requeueChangesSince } from './search.store.js';

export type SearchIdListers = Partial<Record<SearchDocType, SearchIdLister>>;

export interface ReindexProgress {
  done: number;
  total: number;
  type: SearchDocType | null;
  elapsedMs: number;
}

export interface ReindexReport {
  indexed: number;
  total: number;
  skippedTypes: SearchDocType[];
  requeued: number;
  /** The outbox id the rebuild started from: changes after it were queued again. */
  since: number;
  elapsedMs: number;
}

/** Queues again the newest change per document recorded after outbox id `since`. Returns how many. */
export async function replaySince(ds: DataSource, since: number, topic = SEARCH_TOPIC): Promise<number> {
  return requeueChangesSince(ds, topic, since);
}

export async function reindex(
  ds: DataSource,
  engine: SearchEngine,
  sources: SearchSources,
  listers: SearchIdListers,
  opts: { batchSize?: number; onProgress?: (p: ReindexProgress) => void | Promise<void>; outboxTopic?: string } = {},
): Promise<ReindexReport> {
  const started = Date.now();
  const batchSize = opts.batchSize ?? 500;
  const topic = opts.outboxTopic ?? SEARCH_TOPIC;
  // Every change after this id is replayed after the swap.
  const version = Number(await newestOutboxId(ds));

  const ids = new Map<SearchDocType, number[]>();
  const skippedTypes: SearchDocType[] = [];
  for (const type of Object.keys(sources) as SearchDocType[]) {
    const list = listers[type];
    if (!list) {
      skippedTypes.push(type);
      continue;
    }
    const all: number[] = [];
    for (let after = 0; ; ) {
      const page = await list(ds.manager, after, 10_000);
      if (page.length === 0) break;
      all.push(...page);
      after = page[page.length - 1];
    }
    ids.set(type, all);
  }
  const total = [...ids.values()].reduce((n, l) => n + l.length, 0);

  await engine.setup();
  const rebuild = await engine.startRebuild();
  let done = 0;
  try {
    for (const [type, list] of ids) {
      for (let i = 0; i < list.length; i += batchSize) {
        const docs = await sources[type]!(ds.manager, list.slice(i, i + batchSize));
        await rebuild.index(docs.map((d): VersionedDocument => ({ ...d, version })));
        done += Math.min(batchSize, list.length - i);
        await opts.onProgress?.({ done, total, type, elapsedMs: Date.now() - started });
      }
    }
    await rebuild.swap();
  } catch (err) {
    await rebuild.abort().catch(() => undefined);
    throw err;
  }

  const requeued = await replaySince(ds, version, topic);
  return { indexed: done, total, skippedTypes, requeued, since: version, elapsedMs: Date.now() - started };
}

/** "[#########-----------]  45% 45,000/100,000 · 5,312 docs/s · ETA 10 s" */
export function progressLine(p: ReindexProgress, width = 30): string {
  const ratio = p.total ? p.done / p.total : 1;
  const filled = Math.round(ratio * width);
  const rate = p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? Math.ceil((p.total - p.done) / rate) : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${n(p.done)}/${n(p.total)} · ${n(Math.round(rate))} docs/s · ETA ${eta} s`;
}
