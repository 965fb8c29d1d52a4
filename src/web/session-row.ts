// What the session statement (src/modules/accounts/session.queries.ts) read beside the session: the
// member and the modules' per-member values (`sessionReads` in the module contract), on the request.
import type { Request } from 'express';
import type { SessionUser } from '../shared/identity.js';
import type { SessionRow } from '../shared/session-row.js';

export type { SessionRow };

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
