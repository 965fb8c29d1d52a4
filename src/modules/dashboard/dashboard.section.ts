// A dashboard section: one file per section under sections/, listed in sections/index.ts. Each loads
// its data for a period in a few bounded queries (rollups, not scans of all replies), renders
// through its partial (views/partials/dashboard/<key>.hbs), and offers its tables as CSV.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import type { Lang } from '../../shared/i18n.js';
import type { CsvValue } from '../../shared/csv.js';
import type { Period } from './dashboard.period.js';

export interface SectionContext {
  ds: DataSource;
  /**
   * Where the sections' read-only queries run: replicaReads(ds) for the page and the CSVs (a read
   * replica when one is configured, src/db/replica.ts); absent: ds. Snapshots are kept through ds.
   */
  reads?: Queryable;
  period: Period;
  lang: Lang;
  /** Translates a message key in the page's language. */
  t: (key: string, vars?: Record<string, unknown>) => string;
  /**
   * How `snapshot()` treats the section's period figures: 'use' reads a valid snapshot or computes and
   * stores one (the page), 'refresh' computes and stores at `version` (the worker after a rollup
   * refresh); absent: always computed (CSVs, tests of the queries, the benchmark's section timing).
   */
  snapshots?: { mode: 'use' } | { mode: 'refresh'; version: string; readAt: Date };
}

export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
}

export interface DashboardSection {
  /** Stable key: the section's id on the page (#dash-<key>) and its CSV address (/dashboard/<key>/<table>.csv). */
  key: string;
  order: number;
  /** Message key of the heading. */
  title: string;
  partial: string;
  load(c: SectionContext): Promise<unknown>;
  /**
   * The snapshot that is the whole of the section's data, when it has no live part (set through
   * keptWhole, dashboard.snapshots.ts): the page then reuses the section's rendered HTML while that
   * snapshot is unchanged (dashboard.rendered.ts).
   */
  kept?: string;
  /** The section's tables as CSV, by table name (letters, digits, dashes). */
  csv?: Record<string, (c: SectionContext) => Promise<CsvTable>>;
}

/** The Queryable for a section's read-only queries (see SectionContext.reads). */
export const readsOf = (c: SectionContext): Queryable => c.reads ?? c.ds;
