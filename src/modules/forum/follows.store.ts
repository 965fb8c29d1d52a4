// Follows: who watches, follows normally or muted a thread, category or tag. Every function takes
// the transaction's `db`.
import { rows, type Db } from '../../db/sql.js';
import { ForumCategory, ForumTag, ForumThread, type FollowLevel, type FollowTarget } from './forum.entity.js';

/** Sets the member's follow level; `overwrite` false keeps a level the member chose before. */
export async function setFollowLevel(db: Db, userId: number, targetType: FollowTarget, targetId: number, level: FollowLevel, overwrite: boolean): Promise<void> {
  await rows(db,
    `INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, target_type, target_id) DO ${overwrite ? 'UPDATE SET level = EXCLUDED.level' : 'NOTHING'}`,
    [userId, targetType, targetId, level],
  );
}

/** Whether the thread, category or tag to follow exists. */
export async function followTargetExists(db: Db, targetType: FollowTarget, targetId: number): Promise<boolean> {
  const entity = { thread: ForumThread, category: ForumCategory, tag: ForumTag }[targetType];
  return db.existsBy(entity, { id: targetId });
}

/**
 * Who may hear about a new post in a thread: members watching the thread, its category or one of
 * its tags, and the `alsoIds` (mentioned members, the author replied to) — each once, with
 * whether they muted the thread.
 */
export async function newPostAudience(db: Db, threadId: number, categoryId: number, alsoIds: number[]): Promise<{ userId: number; muted: boolean }[]> {
  return rows(db,
    `SELECT u.user_id AS "userId",
            EXISTS (SELECT 1 FROM forum_follows m WHERE m.user_id = u.user_id AND m.target_type = 'thread' AND m.target_id = $1 AND m.level = 'muted') AS muted
       FROM (SELECT DISTINCT f.user_id FROM forum_follows f
              WHERE f.level = 'watching' AND ((f.target_type = 'thread' AND f.target_id = $1)
                 OR (f.target_type = 'category' AND f.target_id = $2)
                 OR (f.target_type = 'tag' AND f.target_id IN (SELECT tag_id FROM forum_thread_tags WHERE thread_id = $1)))
             UNION SELECT unnest($3::int[])) u`,
    [threadId, categoryId, alsoIds],
  );
}
