// The forum's blocks on the member start page ("Mein Praxis"), registered through startPageBlocks.
import type { StartBlockLoader } from '../module.js';
import { forumPolicy } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import { UNREAD_CAP, openFlags, repliesOnMyThreads, unansweredInMyTopics, unreadFollowedThreads, type StartThreadRow } from './start.queries.js';

/** `cap`: the counts stop at UNREAD_CAP (unread replies), and a count there reads "at least …". */
const items = (list: StartThreadRow[], cap = false) =>
  list.map((t) => ({ title: t.title, language: t.language, href: threadUrl(t), count: t.count, at: t.at, capped: cap && t.count >= UNREAD_CAP }));

/** Replies from others on threads I started, since my last visit. */
export const repliesOnMyThreadsBlock: StartBlockLoader = async (ds, { user, since }) => {
  const list = await repliesOnMyThreads(ds, user.id, forumPolicy.isFacilitator(user), since);
  return {
    key: 'forum-my-threads', order: 10, partial: 'forum/start-threads', title: 'forum.start.myThreads.title',
    data: { items: items(list), more: Math.max(0, (list[0]?.total ?? 0) - list.length), countKey: 'forum.start.newReplies', emptyKey: 'forum.start.myThreads.empty', emptyHref: '/forum/new', emptyLink: 'forum.start.myThreads.emptyLink' },
    showAll: { href: '/notifications', label: 'forum.start.myThreads.all' },
    empty: list.length === 0,
  };
};

/** Threads I watch with replies I have not read. */
export const unreadFollowedBlock: StartBlockLoader = async (ds, { user }) => {
  const list = await unreadFollowedThreads(ds, user.id, forumPolicy.isFacilitator(user));
  return {
    key: 'forum-followed', order: 21, partial: 'forum/start-threads', title: 'forum.start.followed.title',
    data: { items: items(list, true), more: Math.max(0, (list[0]?.total ?? 0) - list.length), countKey: 'forum.start.unread', emptyKey: 'forum.start.followed.empty', emptyHref: '/forum', emptyLink: 'forum.start.followed.emptyLink' },
    showAll: { href: '/forum', label: 'forum.start.followed.all' },
    empty: list.length === 0,
  };
};

/** Open questions in the categories and tags I watch, so I can help. */
export const unansweredBlock: StartBlockLoader = async (ds, { user }) => {
  const list = await unansweredInMyTopics(ds, user.id, forumPolicy.isFacilitator(user));
  return {
    key: 'forum-unanswered', order: 30, partial: 'forum/start-threads', title: 'forum.start.unanswered.title',
    data: { items: items(list), more: Math.max(0, (list[0]?.total ?? 0) - list.length), countKey: 'forum.start.replies', emptyKey: 'forum.start.unanswered.empty', emptyHref: '/forum', emptyLink: 'forum.start.unanswered.emptyLink' },
    showAll: { href: '/forum?view=unanswered', label: 'forum.start.unanswered.all' },
    empty: list.length === 0,
  };
};

/** Facilitators: threads with open flags (null for members). */
export const openFlagsBlock: StartBlockLoader = async (ds, { user }) => {
  if (!forumPolicy.isFacilitator(user)) return null;
  const list = await openFlags(ds);
  return {
    key: 'forum-flags', order: 61, partial: 'forum/start-threads', title: 'forum.start.flags.title',
    data: { items: items(list), more: Math.max(0, (list[0]?.total ?? 0) - list.length), countKey: 'forum.start.flagCount', emptyKey: 'forum.start.flags.empty', emptyHref: '/forum', emptyLink: 'forum.start.flags.emptyLink' },
    showAll: { href: '/forum/flags', label: 'forum.start.flags.all' },
    empty: list.length === 0,
  };
};

export const forumStartBlocks: StartBlockLoader[] = [repliesOnMyThreadsBlock, unreadFollowedBlock, unansweredBlock, openFlagsBlock];
