// A value worth reading at most once in a while — figures on a page every visitor sees, which count
// whole tables: loaded on first use and again when it is older than `maxAgeMs`, in each process.
// Readers in between get the value loaded last, and readers while a load runs wait for that one
// load (a crowd arriving at once starts one load, not one each). A failed load is not kept: the
// next reader tries again.

export interface Refreshed<T> {
  (): Promise<T>;
}

export function refreshedEvery<T>(maxAgeMs: number, load: () => Promise<T>, now: () => number = Date.now): Refreshed<T> {
  let value: { at: number; promise: Promise<T> } | undefined;
  return () => {
    const t = now();
    if (value && t - value.at < maxAgeMs) return value.promise;
    const entry = { at: t, promise: load() };
    value = entry;
    entry.promise.catch(() => {
      if (value === entry) value = undefined;
    });
    return entry.promise;
  };
}
