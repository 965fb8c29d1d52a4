// What the one session statement (src/modules/accounts/session.queries.ts) reads beside the session;
// the request carries it (src/web/session-row.ts).
import type { SessionUser } from './identity.js';

/** What the session statement found beside the session itself. */
export interface SessionRow {
  /** The member id the session names (null: nobody signed in). */
  userId: number | null;
  /** That member when the account is active, else null (passport then ends the sign-in). */
  user: SessionUser | null;
  /** The modules' `sessionReads`, by their key; only when `user` is set. */
  reads: Record<string, unknown>;
}
