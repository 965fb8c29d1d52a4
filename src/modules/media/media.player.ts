// The player block for a chapter or course page (called by the guides' and the academy's routes):
// the videos the reader may see, with the embeds they agreed to load; the response's
// Content-Security-Policy gets a frame-src of exactly those providers (no frames otherwise).
// Below the player: the timed comments of each published video (comments.queries.ts).
import type { Request, Response } from 'express';
import type { Queryable } from '../../db/sql.js';
import { commentsBlocks } from './comments.queries.js';
import type { CommentsBlock } from './comments.views.js';
import { consentsOf } from './media.embeds.js';
import { playerBlock, type PlayerBlock } from './media.queries.js';
import type { ParentKind } from './media.store.js';

export type PlayerWithComments = PlayerBlock & { comments: CommentsBlock[] };

export async function playerFor(db: Queryable, req: Request, res: Response, kind: ParentKind, parentId: number): Promise<PlayerWithComments | null> {
  const block = await playerBlock(db, kind, parentId, req.user, req.lang, consentsOf(req.headers.cookie));
  if (block?.frameOrigins.length) {
    const csp = String(res.getHeader('Content-Security-Policy') ?? '');
    if (csp) res.setHeader('Content-Security-Policy', `${csp.replace(/;?\s*frame-src[^;]*/, '')};frame-src ${block.frameOrigins.join(' ')}`);
  }
  if (!block) return null;
  return { ...block, comments: await commentsBlocks(db, req.user, kind, parentId, block.videos.map((v) => v.id)) };
}
