// Search documents for threads (question + accepted answer) and replies. Hidden, deleted and merged
// posts are reported gone; visibility is 'public' only for threads in public categories.
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument, SearchSource } from '../../shared/search-index.js';
import { threadUrl } from './forum.queries.js';

interface Row {
  id: number;
  title: string;
  slug: string;
  body: string;
  extra: string | null;
  tags: string[];
  isPublic: boolean;
  administration: string | null;
  state: string | null;
  sizeClass: string | null;
  createdAt: Date;
  updatedAt: Date;
  threadId: number;
}

const toDoc = (type: 'thread' | 'reply', r: Row): SearchDocument => ({
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

const TAGS = `ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name)`;

export const threadSource: SearchSource = async (db: EntityManager, ids: number[]) => {
  const rows: Row[] = await db.query(
    `SELECT t.id, t.id AS "threadId", t.title, t.slug, t.body_source AS body, ar.body_source AS extra, ${TAGS} AS tags,
            c.is_public AS "isPublic", a.name AS administration, a.state, a.size_class AS "sizeClass",
            t.created_at AS "createdAt", t.updated_at AS "updatedAt"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN forum_replies ar ON ar.id = t.accepted_reply_id AND ar.hidden_at IS NULL AND ar.deleted_at IS NULL
       LEFT JOIN users u ON u.id = t.author_id LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE t.id = ANY($1) AND t.hidden_at IS NULL AND t.merged_into_id IS NULL`,
    [ids]);
  return rows.map((r) => toDoc('thread', r));
};

export const replySource: SearchSource = async (db: EntityManager, ids: number[]) => {
  const rows: Row[] = await db.query(
    `SELECT r.id, t.id AS "threadId", t.title, t.slug, r.body_source AS body, NULL AS extra, ${TAGS} AS tags,
            c.is_public AS "isPublic", a.name AS administration, a.state, a.size_class AS "sizeClass",
            r.created_at AS "createdAt", r.updated_at AS "updatedAt"
       FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN users u ON u.id = r.author_id LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE r.id = ANY($1) AND r.hidden_at IS NULL AND r.deleted_at IS NULL AND t.hidden_at IS NULL AND t.merged_into_id IS NULL`,
    [ids]);
  return rows.map((r) => toDoc('reply', r));
};
