// The player block for a chapter or course page (called by the guides' and the academy's routes):
// the videos the reader may see, with the embeds they agreed to load; the response's
// Content-Security-Policy gets a frame-src of exactly those providers (no frames otherwise).
// Below the player: the timed comments of each published video (comments.queries.ts).
import type { Request, Response } from 'express';
import type { Queryable } from '../../db/sql.js';
import { commentsBlocks } from './comments.queries.js';
import type { CommentsBlock } from './comments.views.js';
import { consentsOf } from './media.embeds.js';
import { playerBlock, playerSource, type PlayerBlock, type PlayerSource } from './media.queries.js';
import { courseWatching, type CourseWatching } from './watching.views.js';
import type { ParentKind } from './media.store.js';

export type PlayerWithComments = PlayerBlock & { comments: CommentsBlock[] };

export async function playerFor(db: Queryable, req: Request, res: Response, kind: ParentKind, parentId: number, preloaded?: PlayerSource | null): Promise<PlayerWithComments | null> {
  const source = preloaded === undefined ? await playerSource(db, kind, parentId) : preloaded;
  const block = await playerBlock(db, kind, parentId, req.user, req.lang, consentsOf(req.headers.cookie), source);
  if (block?.frameOrigins.length) {
    const csp = String(res.getHeader('Content-Security-Policy') ?? '');
    if (csp) res.setHeader('Content-Security-Policy', `${csp.replace(/;?\s*frame-src[^;]*/, '')};frame-src ${block.frameOrigins.join(' ')}`);
  }
  if (!block) return null;
  return { ...block, comments: source ? await commentsBlocks(db, req.user, source, block.videos.map((v) => v.id)) : [] };
}

/**
 * A course page's media: the player with its comments, and the videos the course requires watching
 * with the member's state — the latter only read when one of the course's videos is a published
 * required one (the player's read of the course's videos tells).
 */
export async function courseMedia(db: Queryable, req: Request, res: Response, course: { id: number; language: string }): Promise<{ media: PlayerWithComments | null; watching: CourseWatching | null }> {
  const source = await playerSource(db, 'course', course.id);
  const media = await playerFor(db, req, res, 'course', course.id, source);
  const requires = !!source?.videos.some((v) => v.requiredForCourse && v.publishedAt);
  return { media, watching: requires ? await courseWatching(db, req.user, course.id, course.language) : null };
}
