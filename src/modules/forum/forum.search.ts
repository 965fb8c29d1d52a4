// Search documents for threads (question + accepted answer) and replies. Hidden, deleted and merged
// posts are reported gone; visibility is 'public' only for threads in public categories.
//
// Threads and replies in restricted (members-only) categories are reported gone too, so they are
// never in the index (a thread moved into such a category leaves it when its documents are queued
// again). The index knows only 'public' and 'network' audiences, not who belongs to which group;
// keeping group posts out of it means no search, suggestion or facet count can show them to anyone
// else — and a change of membership needs no reindexing. Members find their group's threads on the
// category page; "similar questions" still finds them by title for members (forum.queries.ts).
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument, SearchSource } from '../../shared/search-index.js';
import { threadUrl } from './forum.queries.js';
import { visibleReplyRows, visibleThreadRows, type PostSearchRow } from './search.queries.js';

const toDoc = (type: 'thread' | 'reply', r: PostSearchRow): SearchDocument => ({
  id: `${type}:${r.id}`,
  type,
  title: r.title,
  body: [markdownToText(r.body), r.extra ? markdownToText(r.extra) : ''].filter(Boolean).join('\n\n'),
  tags: r.tags,
  topics: [],
  methods: [],
  administration: r.administration,
  state: r.state,
  sizeClass: r.sizeClass,
  language: 'de',
  visibility: r.isPublic ? 'public' : 'network',
  url: type === 'thread' ? threadUrl({ id: r.id, slug: r.slug }) : `${threadUrl({ id: r.threadId, slug: r.slug })}#reply-${r.id}`,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export const threadSource: SearchSource = async (db: EntityManager, ids: number[]) =>
  (await visibleThreadRows(db, ids)).map((r) => toDoc('thread', r));

export const replySource: SearchSource = async (db: EntityManager, ids: number[]) =>
  (await visibleReplyRows(db, ids)).map((r) => toDoc('reply', r));
