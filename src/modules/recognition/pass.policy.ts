// Who may see and change a member's Kompetenzpass. The member chooses: private (only them),
// network (every signed-in member) or public (in addition anyone with the share link, which the
// share-link route checks itself). Everyone else gets 404, so a pass's existence is not revealed.
import type { Actor } from '../../shared/identity.js';
import type { PassVisibility } from './pass.entity.js';

export const passPolicy = {
  /** The pass at /members/:handle/kompetenzpass (and its print view). */
  canView: (viewer: Actor | undefined, ownerId: number, visibility: PassVisibility): boolean =>
    !!viewer && (viewer.id === ownerId || visibility !== 'private'),
  /** The settings, the share link and the download of the assertions are the member's alone. */
  canManage: (viewer: Actor | undefined, ownerId: number): boolean => !!viewer && viewer.id === ownerId,
};
