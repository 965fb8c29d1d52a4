// What the session statement (src/modules/accounts/session.queries.ts) read beside the session: the
// member and the modules' per-member values (`sessionReads` in the module contract), on the request.
import type { Request } from 'express';
import type { SessionUser } from '../shared/identity.js';

/** What the session statement found beside the session itself. */
export interface SessionRow {
  /** The member id the session names (null: nobody signed in). */
  userId: number | null;
  /** That member when the account is active, else null (passport then ends the sign-in). */
  user: SessionUser | null;
  /** The modules' `sessionReads`, by their key; only when `user` is set. */
  reads: Record<string, unknown>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when this request's session was read (accounts' session.queries.ts). */
      sessionRow?: SessionRow;
    }
  }
}

/** The member the session statement already read for `id`, or undefined when it did not. */
export function memberFromSessionRow(req: Request, id: number): SessionUser | null | undefined {
  const row = req.sessionRow;
  return row && row.userId === id ? row.user : undefined;
}

/** A module's `sessionReads` value for the signed-in member of this request (undefined: not read). */
export function sessionRead(req: Request, key: string): unknown {
  const row = req.sessionRow;
  return row?.user && req.user && row.user.id === req.user.id ? row.reads[key] : undefined;
}
