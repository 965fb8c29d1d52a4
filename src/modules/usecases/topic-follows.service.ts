// Following topics (policy areas) and methods of the use-case library, for the start page and
// notifications about new use cases. Keys are checked against the taxonomy by the schemas.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/identity.js';
import { addTopicFollows, removeTopicFollow, type TopicFacet } from './topic-follows.store.js';

const mayFollow = (user: SessionUser | undefined): user is SessionUser => !!user && user.status === 'active';

export async function followTopics(ctx: AppContext, user: SessionUser | undefined, facet: TopicFacet, keys: string[]): Promise<void> {
  if (!mayFollow(user)) throw forbidden();
  await inTransaction(ctx.ds, (db) => addTopicFollows(db, user.id, facet, keys));
}

export async function unfollowTopic(ctx: AppContext, user: SessionUser | undefined, facet: TopicFacet, key: string): Promise<void> {
  if (!mayFollow(user)) throw forbidden();
  await inTransaction(ctx.ds, (db) => removeTopicFollow(db, user.id, facet, key));
}
