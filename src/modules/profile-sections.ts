// Sections other modules add to profile pages, without the page's module knowing them: on a
// member's profile (reading progress, badges …) through `memberProfileSection`, on an
// administration's profile (its use cases and adoptions …) through `administrationProfileSection`.
// The pages render the returned partials in the order of the modules in the context.
import type { AppContext, ProfileSection } from './module.js';
import type { SessionUser } from '../shared/identity.js';

export type ProfileKind = 'member' | 'administration';

export async function profileSections(ctx: AppContext, kind: ProfileKind, subjectId: number, viewer: SessionUser | undefined): Promise<ProfileSection[]> {
  const sections = await Promise.all(
    ctx.modules.map((m) => (kind === 'member' ? m.memberProfileSection : m.administrationProfileSection)?.(ctx.ds, subjectId, viewer) ?? null),
  );
  return sections.filter((s): s is ProfileSection => !!s);
}
