// Who may do what with timed comments. Comments belong to a published video on a chapter or
// course the reader may see; signed-in members write them; authors edit and delete their own;
// any other member flags one (once); facilitators hide and show them again, and read hidden ones.
import { isFacilitator, type Actor } from '../../shared/identity.js';
import { mediaPolicy } from './media.policy.js';
import type { Parent, VideoRow } from './media.store.js';

export interface CommentVideoFacts {
  parentVisible: boolean;
  published: boolean;
  /** Processed (an upload) or an embed: something to watch. */
  ready: boolean;
}

const open = (v: CommentVideoFacts) => v.parentVisible && v.published && v.ready;

export const commentsPolicy = {
  /** The list under the player: whoever may watch a published video. */
  canRead: (actor: Actor | undefined, v: CommentVideoFacts) => open(v) && mediaPolicy.canWatch(actor, v),
  canComment: (actor: Actor | undefined, v: CommentVideoFacts) => !!actor && open(v) && mediaPolicy.canWatch(actor, v),
  canChange: (actor: Actor | undefined, c: { authorId: number | null }) => !!actor && c.authorId === actor.id,
  canFlag: (actor: Actor | undefined, c: { authorId: number | null }) => !!actor && c.authorId !== actor.id,
  canModerate: (actor: Actor | undefined) => isFacilitator(actor),
  /** A hidden comment's text: facilitators, and its author (who is told it is hidden). */
  canReadHidden: (actor: Actor | undefined, c: { authorId: number | null }) => isFacilitator(actor) || (!!actor && c.authorId === actor.id),
};

export const factsOf = (video: Pick<VideoRow, 'publishedAt' | 'status'>, parent: Pick<Parent, 'visible'>): CommentVideoFacts => ({
  parentVisible: parent.visible, published: !!video.publishedAt, ready: video.status === 'ready',
});

/** The id of a comment on the page (the chapter's or course's page address ends in #video-comment-<id>). */
export const commentAnchor = (id: number) => `video-comment-${id}`;
