// Who may do what in the forum. Each predicate names one action; services call them after loading
// the rows, routes use them to decide which buttons to show. Visitors (actor undefined) see only
// public categories; members see every category except restricted ones; a restricted (members-only)
// category and everything in it is seen only by its listed members and by facilitators/admins;
// facilitators moderate. The SQL reads state the same rule (forum.queries.ts, categoryVisibleSql).
import { isFacilitator, type Actor } from '../../shared/identity.js';

export type { Actor };
export interface CategoryFacts {
  isPublic: boolean;
  archivedAt: Date | string | null;
  /** Members only: visible to the members listed for the category and to facilitators (never public). */
  restricted: boolean;
  /** Whether the actor is listed as a member of the category (only matters when it is restricted). */
  isMember: boolean;
}
export interface ThreadFacts extends CategoryFacts {
  authorId: number | null;
  kind: string;
  lockedAt: Date | string | null;
  hiddenAt: Date | string | null;
  mergedIntoId: number | null;
}
export interface ReplyFacts {
  authorId: number | null;
  deletedAt: Date | string | null;
  hiddenAt: Date | string | null;
}

const isOwn = (a: Actor | undefined, authorId: number | null): boolean => !!a && authorId !== null && a.id === authorId;
/** Restricted: listed members and facilitators; otherwise public ones for everyone, the rest for members. */
const seesCategory = (a: Actor | undefined, c: CategoryFacts): boolean =>
  c.restricted ? isFacilitator(a) || (!!a && c.isMember) : c.isPublic || !!a;
/**
 * Archived categories and merged threads are read-only for everyone; nobody writes in a thread of a
 * category they may not see (services check canSeeThread first and answer 404; this is the backstop).
 */
const writable = (a: Actor | undefined, t: ThreadFacts) => !t.archivedAt && !t.mergedIntoId && seesCategory(a, t);

type Predicate = (...args: never[]) => boolean;

/** Explicitly boolean: TypeScript would otherwise infer type predicates and narrow the actor away. */
export const forumPolicy = {
  isFacilitator,
  canSeeCategory: seesCategory,
  canSeeThread: (a: Actor | undefined, t: ThreadFacts): boolean =>
    seesCategory(a, t) && (!t.hiddenAt || isOwn(a, t.authorId) || isFacilitator(a)),
  /** A hidden reply's text is shown to its author and to facilitators; others see a placeholder. */
  canSeeHiddenPost: (a: Actor | undefined, p: { authorId: number | null }): boolean => isOwn(a, p.authorId) || isFacilitator(a),
  canStartThread: (a: Actor | undefined, c: CategoryFacts): boolean => !!a && seesCategory(a, c) && !c.archivedAt,
  canReply: (a: Actor | undefined, t: ThreadFacts): boolean =>
    !!a && writable(a, t) && !t.hiddenAt && (!t.lockedAt || isFacilitator(a)),
  canEditThread: (a: Actor | undefined, t: ThreadFacts): boolean =>
    writable(a, t) && (isFacilitator(a) || (isOwn(a, t.authorId) && !t.lockedAt)),
  canEditReply: (a: Actor | undefined, t: ThreadFacts, r: ReplyFacts): boolean =>
    writable(a, t) && !r.deletedAt && (isFacilitator(a) || (isOwn(a, r.authorId) && !t.lockedAt)),
  canDeleteReply: (a: Actor | undefined, t: ThreadFacts, r: ReplyFacts): boolean =>
    writable(a, t) && !r.deletedAt && isOwn(a, r.authorId) && !t.lockedAt,
  canVote: (a: Actor | undefined, t: ThreadFacts, r: ReplyFacts): boolean =>
    !!a && writable(a, t) && !r.deletedAt && !r.hiddenAt && !isOwn(a, r.authorId),
  canAccept: (a: Actor | undefined, t: ThreadFacts, r?: ReplyFacts): boolean =>
    t.kind === 'question' && writable(a, t) && (isOwn(a, t.authorId) || isFacilitator(a)) &&
    (!r || (!r.deletedAt && !r.hiddenAt)),
  canFollow: (a: Actor | undefined): boolean => !!a,
  canFlag: (a: Actor | undefined, p: { authorId: number | null; hiddenAt?: Date | string | null; deletedAt?: Date | string | null }): boolean =>
    !!a && !isOwn(a, p.authorId) && !p.deletedAt,
  canSeeRevisions: (a: Actor | undefined): boolean => !!a,
  canModerate: (a: Actor | undefined): boolean => isFacilitator(a),
  canManageCategories: (a: Actor | undefined): boolean => isFacilitator(a),
  /**
   * Promote to guide: facilitators, for a question with an accepted answer — not from a restricted
   * category (a guide is read by everyone; the group's posts stay in the group).
   */
  canPromote: (a: Actor | undefined, t?: { restricted: boolean }): boolean => isFacilitator(a) && !t?.restricted,
} satisfies Record<string, Predicate>;
