// Outbox topics of the recognition module.

/** A member's ledger or facts changed: check their badges and micro-degrees. Payload { userId }. */
export const RECOGNITION_CHECK_TOPIC = 'recognition.check';

/** The one-time backfill from existing data, queued by a migration (1763700096000). No payload. */
export const RECOGNITION_BACKFILL_TOPIC = 'recognition.backfill';
