// The forum policy's rule for restricted (members-only) categories, as pure predicates.
import { describe, expect, it } from '@jest/globals';
import { forumPolicy as p, type CategoryFacts, type ThreadFacts } from '../../../src/modules/forum/forum.policy.js';

const member = { id: 1, role: 'member' as const };
const facilitator = { id: 3, role: 'facilitator' as const };
const admin = { id: 4, role: 'admin' as const };
const now = new Date();
const category = (o: Partial<CategoryFacts> = {}): CategoryFacts => ({ isPublic: false, archivedAt: null, restricted: true, isMember: false, ...o });
const thread = (o: Partial<ThreadFacts> = {}): ThreadFacts => ({
  ...category(), authorId: member.id, kind: 'question', lockedAt: null, hiddenAt: null, mergedIntoId: null, ...o,
});

describe('forum policy: restricted categories', () => {
  it('when a category is restricted, then only its listed members, facilitators and admins see it and its threads', () => {
    expect(p.canSeeCategory(undefined, category())).toBe(false);
    expect(p.canSeeCategory(member, category())).toBe(false);
    expect(p.canSeeCategory(member, category({ isMember: true }))).toBe(true);
    expect(p.canSeeCategory(facilitator, category())).toBe(true);
    expect(p.canSeeCategory(admin, category())).toBe(true);
    expect(p.canSeeThread(undefined, thread())).toBe(false);
    expect(p.canSeeThread(member, thread())).toBe(false);
    expect(p.canSeeThread(member, thread({ isMember: true }))).toBe(true);
    expect(p.canSeeThread(facilitator, thread())).toBe(true);
    expect(p.canSeeThread(admin, thread())).toBe(true);
  });

  it('when a membership fact comes without a signed-in actor, or a restricted row claims to be public, then nothing is visible to outsiders', () => {
    // A visitor is never a member, whatever a row says.
    expect(p.canSeeCategory(undefined, category({ isMember: true }))).toBe(false);
    // Restricted wins over public (the database refuses the combination; the policy does not rely on it).
    expect(p.canSeeCategory(undefined, category({ isPublic: true }))).toBe(false);
    expect(p.canSeeThread(member, thread({ isPublic: true }))).toBe(false);
  });

  it('when a category is not restricted, then being listed as a member changes nothing', () => {
    expect(p.canSeeCategory(member, category({ restricted: false }))).toBe(true);
    expect(p.canSeeCategory(undefined, category({ restricted: false }))).toBe(false);
    expect(p.canSeeCategory(undefined, category({ restricted: false, isPublic: true }))).toBe(true);
    expect(p.canSeeThread(member, thread({ restricted: false, isMember: false }))).toBe(true);
  });

  it('when a hidden thread is in a restricted category, then its author sees it only while a member', () => {
    const hidden = thread({ hiddenAt: now });
    expect(p.canSeeThread(member, { ...hidden, isMember: true })).toBe(true);
    expect(p.canSeeThread(member, hidden)).toBe(false);
    expect(p.canSeeThread(facilitator, hidden)).toBe(true);
  });

  it('when someone starts a thread, then only in a restricted category they may see, and not when it is archived', () => {
    expect(p.canStartThread(member, category())).toBe(false);
    expect(p.canStartThread(member, category({ isMember: true }))).toBe(true);
    expect(p.canStartThread(member, category({ isMember: true, archivedAt: now }))).toBe(false);
    expect(p.canStartThread(facilitator, category())).toBe(true);
    expect(p.canStartThread(undefined, category({ isMember: true }))).toBe(false);
  });

  it('when a thread of a restricted category has an accepted answer, then nobody promotes it to a guide; other threads facilitators may', () => {
    for (const a of [facilitator, admin]) {
      expect(p.canPromote(a, thread())).toBe(false);
      expect(p.canPromote(a, thread({ restricted: false }))).toBe(true);
      expect(p.canPromote(a)).toBe(true);
    }
    expect(p.canPromote(member, thread({ restricted: false }))).toBe(false);
  });

  it('when a group member writes in a restricted category, then the usual rules apply; a member outside the group may write nothing there', () => {
    const reply = { authorId: 2, deletedAt: null, hiddenAt: null };
    const own = { authorId: member.id, deletedAt: null, hiddenAt: null };
    expect(p.canReply(member, thread({ isMember: true }))).toBe(true);
    expect(p.canReply(member, thread({ isMember: true, lockedAt: now }))).toBe(false);
    expect(p.canReply(facilitator, thread({ lockedAt: now }))).toBe(true);
    expect(p.canVote(member, thread({ isMember: true }), reply)).toBe(true);
    expect(p.canEditThread(member, thread({ isMember: true }))).toBe(true);
    // The author who left the group: neither reply, vote, edit, delete nor accept.
    expect(p.canReply(member, thread())).toBe(false);
    expect(p.canVote(member, thread(), reply)).toBe(false);
    expect(p.canEditThread(member, thread())).toBe(false);
    expect(p.canEditReply(member, thread(), own)).toBe(false);
    expect(p.canDeleteReply(member, thread(), own)).toBe(false);
    expect(p.canAccept(member, thread(), reply)).toBe(false);
  });
});
