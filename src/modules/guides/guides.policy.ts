// Who may do what with guides. Members read; facilitators edit; only a facilitator who wrote
// none of a draft's revisions approves it (four eyes); owners and facilitators confirm content.
import { isFacilitator, type Actor } from '../../shared/identity.js';
import type { GuideStatus } from './guides.model.js';


export const guidesPolicy = {
  /** Published and archived guides are public; drafts are for facilitators. */
  canRead: (actor: Actor | undefined, guide: { status: GuideStatus }) =>
    guide.status === 'published' || guide.status === 'archived' || isFacilitator(actor),
  canEdit: (actor?: Actor) => isFacilitator(actor),
  canArchive: (actor?: Actor) => isFacilitator(actor),
  canSeeQueues: (actor?: Actor) => isFacilitator(actor),
  /** Four eyes: a facilitator who is not an author of any revision in the pending draft. */
  canApprove: (actor: Actor | undefined, draftAuthorIds: (number | null)[]) =>
    isFacilitator(actor) && !draftAuthorIds.includes(actor!.id),
  /** "Still correct": the owner or any facilitator. */
  canConfirm: (actor: Actor | undefined, guide: { ownerId: number | null }) =>
    isFacilitator(actor) || (!!actor && actor.id === guide.ownerId),
  canTrackReading: (actor?: Actor) => !!actor,
};
