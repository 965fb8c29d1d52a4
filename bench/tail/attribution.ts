// Where a slow request's extra time went (bench:tail): pure arithmetic on the timelines that the load
// generator and the server's trace (bench/support/trace-requests.ts) recorded on the same clock.
//
//   due ──before──▶ server start ──server──▶ server end ──after──▶ answer received
//
// "before" is the generator's own lateness plus queueing ahead of the app (the socket, the kernel, a
// blocked event loop); "after" is the answer on its way back and the generator's side. An event-loop
// stall is "off CPU" when the server process used less than half of it on the CPU (another process
// had its core), "busy" otherwise (JavaScript — this request's or another's — or GC).

export interface Interval { start: number; end: number }

/** Sorted, non-overlapping intervals covering the same time as `intervals`. */
export function merge(intervals: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** How much of from..to the merged intervals cover (ms). */
export function overlapMs(merged: Interval[], from: number, to: number): number {
  let sum = 0;
  for (const i of merged) {
    if (i.start >= to) break;
    sum += Math.max(0, Math.min(i.end, to) - Math.max(i.start, from));
  }
  return sum;
}

/** One request's time, split (ms). */
export interface Timing {
  latency: number;
  before: number;
  server: number;
  after: number;
  /** Time with at least one SQL statement in flight. */
  db: number;
  /** GC pauses overlapping the time from due to the server's end. */
  gc: number;
  /** Event-loop stalls other than GC pauses overlapping the time from due to the server's end, with the server process on the CPU. */
  stall: number;
  /** Event-loop stalls in the same time with the server process mostly off the CPU. */
  offCpu: number;
  /** before + after, less the part of "before" in which the server's event loop was blocked (GC or stall). */
  outside: number;
}

export interface Timeline { due: number; start: number; end: number; received: number; db: number }

/**
 * Splits one request's timeline; `gc`, `offCpu` (stalls with the process off the CPU) and `blocked`
 * (GC pauses and all stalls together) are merged intervals.
 */
export function timing(t: Timeline, gc: Interval[], offCpu: Interval[], blocked: Interval[]): Timing {
  // Up to the server's end only: once the answer is handed to the kernel, a blocked server no longer delays it.
  const gcMs = overlapMs(gc, t.due, t.end);
  const stalled = Math.max(0, overlapMs(blocked, t.due, t.end) - gcMs);
  const off = Math.min(stalled, overlapMs(offCpu, t.due, t.end));
  const before = t.start - t.due;
  const after = t.received - t.end;
  return {
    latency: t.received - t.due, before, server: t.end - t.start, after, db: t.db, gc: gcMs,
    stall: stalled - off, offCpu: off, outside: Math.max(0, before - overlapMs(blocked, t.due, t.start)) + after,
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The typical request of a run: the median of every part. */
export function typical(all: Timing[]): Timing {
  const keys = ['latency', 'before', 'server', 'after', 'db', 'gc', 'stall', 'offCpu', 'outside'] as const;
  return Object.fromEntries(keys.map((k) => [k, median(all.map((t) => t[k]))])) as unknown as Timing;
}

export const causes = ['database', 'gc', 'stall', 'offCpu', 'outside', 'unexplained'] as const;
export type Cause = (typeof causes)[number];

/**
 * The cause of a slow request's excess over the typical one: the part (database wait, GC pause,
 * another event-loop stall with the process busy or off the CPU, time outside the server) that grew the most, when it accounts for at least
 * half of the excess; otherwise "unexplained" (the app's own work in the server, or several parts).
 */
export function attribute(slow: Timing, usual: Timing): Cause {
  const excess = slow.latency - usual.latency;
  const parts: [Cause, number][] = [
    ['database', slow.db - usual.db], ['gc', slow.gc - usual.gc], ['stall', slow.stall - usual.stall],
    ['offCpu', slow.offCpu - usual.offCpu], ['outside', slow.outside - usual.outside],
  ];
  const [cause, grew] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return excess > 0 && grew >= excess / 2 ? cause : 'unexplained';
}
