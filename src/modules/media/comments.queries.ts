// The comment blocks of a chapter or course page: for each published video the reader may watch,
// its comments (one query for all of them) and whether the reader may write one. The chapter or
// course and its videos come from the player's read (PlayerSource), so the blocks add one statement.
import type { Queryable } from '../../db/sql.js';
import type { Actor } from '../../shared/identity.js';
import { commentsPolicy as policy, factsOf } from './comments.policy.js';
import { commentsBlockView, type CommentsBlock } from './comments.views.js';
import * as store from './comments.store.js';
import type { PlayerSource } from './media.queries.js';

export async function commentsBlocks(db: Queryable, actor: Actor | undefined, source: PlayerSource, videoIds: string[]): Promise<CommentsBlock[]> {
  if (!videoIds.length) return [];
  const { parent } = source;
  const videos = source.videos.filter((v) => videoIds.includes(v.id) && policy.canRead(actor, factsOf(v, parent)));
  const rows = await store.commentsOf(db, videos.map((v) => v.id), actor?.id ?? null);
  return videos.map((v) => commentsBlockView(
    { id: v.id, title: v.title, seekable: v.kind === 'upload', durationMs: v.durationMs }, rows,
    { actor, language: parent.language, canComment: policy.canComment(actor, factsOf(v, parent)), pageUrl: parent.url },
  ));
}
