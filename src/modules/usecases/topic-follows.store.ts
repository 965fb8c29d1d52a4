// Follows of use-case topics (policy areas) and methods. Every write takes the transaction's `db`.
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../db/prepared.js';
import { affected, type Db } from '../../db/sql.js';

export type TopicFacet = 'topic' | 'method';

export async function addTopicFollows(db: Db, userId: number, facet: TopicFacet, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await affected(db,
    `INSERT INTO use_case_topic_follows (user_id, facet, key) SELECT $1, $2, k FROM unnest($3::text[]) k
     ON CONFLICT (user_id, facet, key) DO NOTHING`, [userId, facet, keys]);
}

export async function removeTopicFollow(db: Db, userId: number, facet: TopicFacet, key: string): Promise<void> {
  await affected(db, `DELETE FROM use_case_topic_follows WHERE user_id = $1 AND facet = $2 AND key = $3`, [userId, facet, key]);
}

/** What the member follows, oldest first. */
export async function topicFollowsOf(db: DataSource | Db, userId: number): Promise<{ facet: TopicFacet; key: string }[]> {
  return preparedQuery(db, 'usecases-topic-follows-of', `SELECT facet, key FROM use_case_topic_follows WHERE user_id = $1 ORDER BY facet DESC, created_at, key`, [userId]);
}
