// Outbox topics of the recognition module.

/** A member's ledger or facts changed: check their badges and micro-degrees. Payload { userId }. */
export const RECOGNITION_CHECK_TOPIC = 'recognition.check';
