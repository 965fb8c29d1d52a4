// Other modules add sections to an administration's profile page (its use cases, its adoptions …)
// without this module knowing them: each registers a loader that returns a partial and its data.
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../accounts/index.js';

export interface ProfileSection {
  /** A partial under views/partials, e.g. "usecases/administration-section". */
  partial: string;
  data: Record<string, unknown>;
}
export type ProfileSectionLoader = (ds: DataSource, administrationId: number, viewer: SessionUser | undefined) => Promise<ProfileSection | null>;

const loaders: ProfileSectionLoader[] = [];

export function registerProfileSection(loader: ProfileSectionLoader): void {
  if (!loaders.includes(loader)) loaders.push(loader);
}

export async function profileSections(ds: DataSource, administrationId: number, viewer: SessionUser | undefined): Promise<ProfileSection[]> {
  const out: ProfileSection[] = [];
  for (const load of loaders) {
    const s = await load(ds, administrationId, viewer);
    if (s) out.push(s);
  }
  return out;
}
