// Sections other modules add to a member's profile (reading progress, badges, …): each module may
// expose `profileSection`; the profile page renders the returned partials in registry order.
// The registry is imported lazily: accounts (which renders the profile) is itself in the registry.
import type { DataSource } from 'typeorm';

export async function profileSections(ds: DataSource, userId: number, viewerId: number | null): Promise<{ partial: string; data: unknown }[]> {
  const { modules } = await import('./registry.js');
  const sections = await Promise.all(modules.map((m) => m.profileSection?.(ds, userId, viewerId) ?? null));
  return sections.filter((s): s is { partial: string; data: unknown } => !!s);
}
