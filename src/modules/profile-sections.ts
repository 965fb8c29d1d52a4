// Sections other modules add to profile pages, without the page's module knowing them: on a
// member's profile (reading progress, badges …) through `memberProfileSection`, on an
// administration's profile (its use cases and adoptions …) through `administrationProfileSection`.
// The pages render the returned partials in registry order. The registry is imported lazily:
// accounts and administrations (which render the profiles) are themselves in the registry.
import type { DataSource } from 'typeorm';
import type { SessionUser } from './accounts/index.js';
import type { ProfileSection } from './module.js';

export type ProfileKind = 'member' | 'administration';

export async function profileSections(kind: ProfileKind, ds: DataSource, subjectId: number, viewer: SessionUser | undefined): Promise<ProfileSection[]> {
  const { modules } = await import('./registry.js');
  const sections = await Promise.all(
    modules.map((m) => (kind === 'member' ? m.memberProfileSection : m.administrationProfileSection)?.(ds, subjectId, viewer) ?? null),
  );
  return sections.filter((s): s is ProfileSection => !!s);
}
