// The player block for a chapter or course page (called by the guides' and the academy's routes):
// the videos the reader may see, with the embeds they agreed to load; the response's
// Content-Security-Policy gets a frame-src of exactly those providers (no frames otherwise).
import type { Request, Response } from 'express';
import type { Queryable } from '../../db/sql.js';
import { consentsOf } from './media.embeds.js';
import { playerBlock, type PlayerBlock } from './media.queries.js';
import type { ParentKind } from './media.store.js';

export async function playerFor(db: Queryable, req: Request, res: Response, kind: ParentKind, parentId: number): Promise<PlayerBlock | null> {
  const block = await playerBlock(db, kind, parentId, req.user, req.lang, consentsOf(req.headers.cookie));
  if (block?.frameOrigins.length) {
    const csp = String(res.getHeader('Content-Security-Policy') ?? '');
    if (csp) res.setHeader('Content-Security-Policy', `${csp.replace(/;?\s*frame-src[^;]*/, '')};frame-src ${block.frameOrigins.join(' ')}`);
  }
  return block;
}
