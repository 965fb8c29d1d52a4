// The forum's blocks on the member start page ("Mein Praxis"), registered through startPageBlocks.
// All four are lists of threads with a count, shown through one partial; `block` builds them.
import type { StartBlockLoader } from '../module.js';
import { forumPolicy } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import { UNREAD_CAP, openFlags, repliesOnMyThreads, unansweredInMyTopics, unreadFollowedThreads, type StartThreadRow } from './start.queries.js';

interface ThreadBlock {
  key: string;
  order: number;
  /** Message keys below forum.start.<name>: title, empty, emptyLink, all. */
  name: string;
  countKey: string;
  emptyHref: string;
  allHref: string;
  /** The counts stop at UNREAD_CAP (unread replies), and a count there reads "at least …". */
  capped?: boolean;
}

function block(b: ThreadBlock, list: StartThreadRow[]) {
  return {
    key: b.key, order: b.order, partial: 'forum/start-threads', title: `forum.start.${b.name}.title`,
    data: {
      items: list.map((t) => ({ title: t.title, language: t.language, href: threadUrl(t), count: t.count, at: t.at, capped: !!b.capped && t.count >= UNREAD_CAP })),
      more: Math.max(0, (list[0]?.total ?? 0) - list.length), countKey: b.countKey,
      emptyKey: `forum.start.${b.name}.empty`, emptyHref: b.emptyHref, emptyLink: `forum.start.${b.name}.emptyLink`,
    },
    showAll: { href: b.allHref, label: `forum.start.${b.name}.all` },
    empty: list.length === 0,
  };
}

/** Replies from others on threads I started, since my last visit. */
export const repliesOnMyThreadsBlock: StartBlockLoader = async (ds, { user, since }) =>
  block({ key: 'forum-my-threads', order: 10, name: 'myThreads', countKey: 'forum.start.newReplies', emptyHref: '/forum/new', allHref: '/notifications' },
    await repliesOnMyThreads(ds, user.id, forumPolicy.isFacilitator(user), since));

/** Threads I watch with replies I have not read. */
export const unreadFollowedBlock: StartBlockLoader = async (ds, { user }) =>
  block({ key: 'forum-followed', order: 21, name: 'followed', countKey: 'forum.start.unread', emptyHref: '/forum', allHref: '/forum', capped: true },
    await unreadFollowedThreads(ds, user.id, forumPolicy.isFacilitator(user)));

/** Open questions in the categories and tags I watch, so I can help. */
export const unansweredBlock: StartBlockLoader = async (ds, { user }) =>
  block({ key: 'forum-unanswered', order: 30, name: 'unanswered', countKey: 'forum.start.replies', emptyHref: '/forum', allHref: '/forum?view=unanswered' },
    await unansweredInMyTopics(ds, user.id, forumPolicy.isFacilitator(user)));

/** Facilitators: threads with open flags (null for members). */
export const openFlagsBlock: StartBlockLoader = async (ds, { user }) =>
  (forumPolicy.isFacilitator(user)
    ? block({ key: 'forum-flags', order: 61, name: 'flags', countKey: 'forum.start.flagCount', emptyHref: '/forum', allHref: '/forum/flags' }, await openFlags(ds))
    : null);

export const forumStartBlocks: StartBlockLoader[] = [repliesOnMyThreadsBlock, unreadFollowedBlock, unansweredBlock, openFlagsBlock];
