// The forum feeds: the newest threads of all categories (/feeds/forum), of one category
// (/feeds/forum/c/<slug>) and of one tag (/feeds/forum/tags/<tag>). A visitor's feed holds public categories only; a read:network token's
// member gets what they would see signed in (never a restricted category they are not listed for).
// A category the reader may not see is "not found", as its page is.
import type { FeedItem, FeedReader, FeedSource } from '../module.js';
import { translate } from '../../shared/i18n.js';
import { feedThreads, type FeedThreadRow } from './feed.queries.js';
import { forumPolicy } from './forum.policy.js';
import { findCategory, tagIdByName, threadUrl, viewerOf } from './forum.queries.js';

const actorOf = (reader: FeedReader) => reader.member ?? undefined;

const item = (t: FeedThreadRow): FeedItem => ({
  key: `forum-thread/${t.id}`,
  title: t.title,
  path: threadUrl(t),
  html: t.bodyHtml, // rendered and sanitised on write
  published: t.createdAt,
  updated: t.updatedAt,
  language: t.language,
  categories: [t.categoryName],
});

export const forumLatestFeed: FeedSource = {
  path: 'forum',
  async load(ds, { lang, reader, limit }) {
    const threads = await feedThreads(ds, viewerOf(actorOf(reader)), {}, limit);
    return { title: translate(lang, 'feeds.titles.forum'), pagePath: '/forum', items: threads.map(item) };
  },
  alternate: (pagePath) => (pagePath === '/forum' ? { feedPath: 'forum', title: 'feeds.links.forum' } : null),
};

export const forumCategoryFeed: FeedSource = {
  path: 'forum/c/:slug',
  async load(ds, { params, lang, reader, limit }) {
    const actor = actorOf(reader);
    const c = await findCategory(ds, String(params.slug), actor?.id ?? null);
    if (!c || !forumPolicy.canSeeCategory(actor, c)) return null;
    const threads = await feedThreads(ds, viewerOf(actor), { categoryId: c.id }, limit);
    return { title: translate(lang, 'feeds.titles.forumCategory', { name: c.name }), pagePath: `/forum/c/${c.slug}`, items: threads.map(item) };
  },
  alternate(pagePath) {
    const m = /^\/forum\/c\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(pagePath);
    return m ? { feedPath: `forum/c/${m[1]}`, title: 'feeds.links.forumCategory' } : null;
  },
};

export const forumTagFeed: FeedSource = {
  path: 'forum/tags/:tag',
  async load(ds, { params, lang, reader, limit }) {
    const tag = String(params.tag).toLowerCase().slice(0, 30);
    const tagId = await tagIdByName(ds, tag);
    if (tagId === null) return null;
    const threads = await feedThreads(ds, viewerOf(actorOf(reader)), { tagId }, limit);
    return { title: translate(lang, 'feeds.titles.forumTag', { tag }), pagePath: `/forum/tags/${encodeURIComponent(tag)}`, items: threads.map(item) };
  },
  alternate(pagePath) {
    const m = /^\/forum\/tags\/([^/]+)$/.exec(pagePath);
    return m ? { feedPath: `forum/tags/${m[1]}`, title: 'feeds.links.forumTag' } : null;
  },
};
