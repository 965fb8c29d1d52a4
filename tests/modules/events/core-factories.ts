// Factories for the events core tests: events and working groups written straight to the database.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { uniq } from '../../support/factories.js';

export interface TestEvent {
  id: number;
  slug: string;
  path: string;
}

export async function createEvent(ds: DataSource, o: Partial<{
  title: string; visibility: string; groupId: number | null; capacity: number | null; startsAt: Date; endsAt: Date;
  format: string; place: string; onlineUrl: string; opensAt: Date | null; closesAt: Date | null; organiserAdministrationId: number | null; kind: string;
}> = {}): Promise<TestEvent> {
  const slug = uniq('event-');
  const startsAt = o.startsAt ?? new Date(Date.now() + 7 * 86_400_000);
  const [row] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, place, online_url, capacity, visibility, group_id,
                         registration_opens_at, registration_closes_at, organiser_administration_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [`${randomUUID()}@praxis`, slug, o.title ?? `Workshop ${slug}`, o.kind ?? 'workshop', o.format ?? 'hybrid', startsAt,
      o.endsAt ?? new Date(startsAt.getTime() + 3 * 3_600_000), o.place ?? 'Rathaus, Marktplatz 1', o.onlineUrl ?? 'https://meet.example/secret-room',
      o.capacity === undefined ? null : o.capacity, o.visibility ?? 'network', o.groupId ?? null, o.opensAt ?? null, o.closesAt ?? null,
      o.organiserAdministrationId ?? null],
  );
  return { id: row.id, slug, path: `/events/${row.id}-${slug}` };
}

export async function createGroup(ds: DataSource, members: { userId: number; role?: 'lead' | 'member'; status?: string }[] = []): Promise<{ id: number; slug: string }> {
  const slug = uniq('group-');
  const [row] = await ds.query(`INSERT INTO working_groups (slug, name) VALUES ($1, $2) RETURNING id`, [slug, `AK ${slug}`]);
  for (const m of members) {
    await ds.query(`INSERT INTO working_group_members (group_id, user_id, role, status) VALUES ($1, $2, $3, $4)`,
      [row.id, m.userId, m.role ?? 'member', m.status ?? 'active']);
  }
  return { id: row.id, slug };
}

export async function registrations(ds: DataSource, eventId: number): Promise<{ userId: number; status: string }[]> {
  return ds.query(`SELECT user_id AS "userId", status FROM event_registrations WHERE event_id = $1 ORDER BY id`, [eventId]);
}

export async function statusCounts(ds: DataSource, eventId: number): Promise<Record<string, number>> {
  const list: { status: string; n: number }[] = await ds.query(
    `SELECT status, count(*)::int AS n FROM event_registrations WHERE event_id = $1 GROUP BY status`, [eventId]);
  return Object.fromEntries(list.map((r) => [r.status, r.n]));
}
