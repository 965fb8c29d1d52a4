import { describe, expect, it } from '@jest/globals';
import { forumPolicy as p, type ThreadFacts } from '../../../src/modules/forum/forum.policy.js';

const member = { id: 1, role: 'member' as const };
const author = { id: 2, role: 'member' as const };
const facilitator = { id: 3, role: 'facilitator' as const };
const admin = { id: 4, role: 'admin' as const };
const thread = (o: Partial<ThreadFacts> = {}): ThreadFacts => ({
  isPublic: false, archivedAt: null, restricted: false, isMember: false, authorId: author.id, kind: 'question', lockedAt: null, hiddenAt: null, mergedIntoId: null, ...o,
});
const reply = (o: Partial<{ authorId: number; deletedAt: Date | null; hiddenAt: Date | null }> = {}) => ({ authorId: author.id, deletedAt: null, hiddenAt: null, ...o });
const now = new Date();

describe('forum policy', () => {
  it('when a visitor looks, then only public categories and threads are visible, and nothing can be written', () => {
    expect(p.canSeeCategory(undefined, { isPublic: true, archivedAt: null, restricted: false, isMember: false })).toBe(true);
    expect(p.canSeeCategory(undefined, { isPublic: false, archivedAt: null, restricted: false, isMember: false })).toBe(false);
    expect(p.canSeeThread(undefined, thread({ isPublic: true }))).toBe(true);
    expect(p.canSeeThread(undefined, thread())).toBe(false);
    expect(p.canReply(undefined, thread({ isPublic: true }))).toBe(false);
    expect(p.canVote(undefined, thread({ isPublic: true }), reply())).toBe(false);
    expect(p.canFlag(undefined, reply())).toBe(false);
    expect(p.canFollow(undefined)).toBe(false);
    expect(p.canStartThread(undefined, { isPublic: true, archivedAt: null, restricted: false, isMember: false })).toBe(false);
  });

  it('when a thread is hidden, then only its author and facilitators see it', () => {
    const t = thread({ hiddenAt: now });
    expect(p.canSeeThread(member, t)).toBe(false);
    expect(p.canSeeThread(author, t)).toBe(true);
    expect(p.canSeeThread(facilitator, t)).toBe(true);
    expect(p.canSeeHiddenPost(member, reply())).toBe(false);
    expect(p.canSeeHiddenPost(author, reply())).toBe(true);
  });

  it('when members edit, delete and vote, then only their own posts can be edited or deleted, and only others\' voted', () => {
    expect(p.canEditReply(author, thread(), reply())).toBe(true);
    expect(p.canEditReply(member, thread(), reply())).toBe(false);
    expect(p.canEditReply(facilitator, thread(), reply())).toBe(true);
    expect(p.canDeleteReply(author, thread(), reply())).toBe(true);
    expect(p.canDeleteReply(member, thread(), reply())).toBe(false);
    expect(p.canDeleteReply(author, thread(), reply({ deletedAt: now }))).toBe(false);
    expect(p.canVote(member, thread(), reply())).toBe(true);
    expect(p.canVote(author, thread(), reply())).toBe(false);
    expect(p.canVote(member, thread(), reply({ hiddenAt: now }))).toBe(false);
    expect(p.canEditThread(author, thread())).toBe(true);
    expect(p.canEditThread(member, thread())).toBe(false);
  });

  it('when a question is answered, then the asker or a facilitator may accept, nobody else, and never on discussions', () => {
    expect(p.canAccept(author, thread())).toBe(true);
    expect(p.canAccept(facilitator, thread())).toBe(true);
    expect(p.canAccept(admin, thread())).toBe(true);
    expect(p.canAccept(member, thread())).toBe(false);
    expect(p.canAccept(author, thread({ kind: 'discussion' }))).toBe(false);
    expect(p.canAccept(author, thread(), reply({ deletedAt: now }))).toBe(false);
  });

  it('when a thread is locked, archived or merged, then members cannot write; facilitators may still reply to locked threads', () => {
    expect(p.canReply(member, thread({ lockedAt: now }))).toBe(false);
    expect(p.canReply(facilitator, thread({ lockedAt: now }))).toBe(true);
    expect(p.canEditReply(author, thread({ lockedAt: now }), reply())).toBe(false);
    for (const t of [thread({ archivedAt: now }), thread({ mergedIntoId: 9 })]) {
      expect(p.canReply(facilitator, t)).toBe(false);
      expect(p.canVote(member, t, reply())).toBe(false);
      expect(p.canEditThread(facilitator, t)).toBe(false);
      expect(p.canAccept(author, t)).toBe(false);
    }
    expect(p.canStartThread(member, { isPublic: false, archivedAt: now, restricted: false, isMember: false })).toBe(false);
  });

  it('when someone moderates, then only facilitators and admins may', () => {
    for (const a of [undefined, member, author]) {
      expect(p.canModerate(a)).toBe(false);
      expect(p.canManageCategories(a)).toBe(false);
    }
    for (const a of [facilitator, admin]) {
      expect(p.canModerate(a)).toBe(true);
      expect(p.canManageCategories(a)).toBe(true);
    }
    expect(p.canFlag(author, reply())).toBe(false);
    expect(p.canFlag(member, reply())).toBe(true);
  });
});
