// Who may do what with training videos. Facilitators (who edit guide chapters and academy courses)
// add, caption, publish and remove videos; readers see a published video where they may see its
// chapter or course; facilitators also see unpublished ones (to check them before publishing).
import { isFacilitator, type Actor } from '../../shared/identity.js';

export type { Actor };

export interface VideoFacts {
  /** The chapter's guide is published or archived / the course is not archived. */
  parentVisible: boolean;
  published: boolean;
}

export const mediaPolicy = {
  canManage: (actor: Actor | undefined) => isFacilitator(actor),
  /** The video page, its file, poster and tracks: one rule for all of them. */
  canWatch: (actor: Actor | undefined, v: VideoFacts) =>
    isFacilitator(actor) || (v.parentVisible && v.published),
};
