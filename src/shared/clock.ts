// Time in one place, so tests can reason about "now" and durations read as words.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const now = () => new Date();
export const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms);
