// Who is asking: the token in `Authorization: Bearer …` (never a query parameter: addresses end up
// in logs and browser histories, and never the session cookie), resolved once per request.
import type { Request, RequestHandler, Response } from 'express';
import type { AppContext, ApiReader } from '../module.js';
import { presentedToken, resolveAccessToken } from '../tokens/index.js';

export interface ApiState {
  reader: ApiReader;
  /** The token's id (for its rate limit), null without one. */
  tokenId: number | null;
  /** A token was presented and is malformed, unknown, revoked or expired (answered with 401). */
  refused: boolean;
}

export const apiState = (res: Response): ApiState => res.locals.api as ApiState;

export function resolveReader(ctx: AppContext): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const presented = req.get('authorization') === undefined ? undefined : presentedToken(req);
    let state: ApiState = { reader: { member: null }, tokenId: null, refused: false };
    if (presented !== undefined) {
      const result = await resolveAccessToken(ctx.ds, presented);
      if (!result.ok) state = { ...state, refused: true };
      else {
        const { member, scopes, tokenId } = result.token;
        state = { reader: { member: scopes.includes('read:network') ? { id: member.id, role: member.role } : null }, tokenId, refused: false };
      }
    }
    res.locals.api = state;
    next();
  };
}
