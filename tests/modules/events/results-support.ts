// What the results tests share: an event (optionally of a working group), the six roles, and the
// state a refused write must leave unchanged. Events are inserted directly: the events core is
// built beside this part.
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';

export interface TestEvent {
  id: number;
  slug: string;
  title: string;
  groupId: number | null;
}

export async function createEvent(ds: DataSource, o: Partial<{ visibility: 'network' | 'public' | 'group'; groupId: number | null; title: string }> = {}): Promise<TestEvent> {
  const slug = uniq('ev-');
  const title = o.title ?? `Werkstatt ${slug}`;
  const [row] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, visibility, group_id)
     VALUES ($1, $2, $3, 'workshop', 'in_person', now() - interval '2 days', now() - interval '2 days' + interval '4 hours', $4, $5) RETURNING id`,
    [`${slug}@praxis.test`, slug, title, o.visibility ?? 'network', o.groupId ?? null]);
  return { id: row.id, slug, title, groupId: o.groupId ?? null };
}

export async function createGroup(ds: DataSource): Promise<number> {
  const slug = uniq('ak-');
  const [row] = await ds.query(`INSERT INTO working_groups (slug, name) VALUES ($1, $2) RETURNING id`, [slug, `Arbeitskreis ${slug}`]);
  return row.id;
}

export async function addGroupMember(ds: DataSource, groupId: number, userId: number, role: 'lead' | 'member' = 'member'): Promise<void> {
  await ds.query(`INSERT INTO working_group_members (group_id, user_id, role, status) VALUES ($1, $2, $3, 'active')`, [groupId, userId, role]);
}

export const ROLES = ['visitor', 'member', 'groupMember', 'lead', 'facilitator', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];
/** Who manages a group's event: facilitators, admins and the group's leads. */
export const MANAGERS: RoleName[] = ['lead', 'facilitator', 'admin'];

export interface Cast {
  event: TestEvent;
  groupId: number;
  users: Record<Exclude<RoleName, 'visitor'>, TestUser>;
  /** A browser for the role (signed in, or a visitor's). */
  as(role: RoleName): Promise<Browser>;
}

/** A working group's event (network-visible unless told) and one person of each role. */
export async function castFor(app: Express, ds: DataSource, visibility: 'network' | 'public' | 'group' = 'network'): Promise<Cast> {
  const groupId = await createGroup(ds);
  const event = await createEvent(ds, { visibility, groupId });
  const users = {
    member: await createUser(ds),
    groupMember: await createUser(ds),
    lead: await createUser(ds),
    facilitator: await createUser(ds, { role: 'facilitator' }),
    admin: await createUser(ds, { role: 'admin' }),
  };
  await addGroupMember(ds, groupId, users.groupMember.id);
  await addGroupMember(ds, groupId, users.lead.id, 'lead');
  const browsers = new Map<RoleName, Browser>();
  return {
    event, groupId, users,
    async as(role) {
      if (!browsers.has(role)) browsers.set(role, role === 'visitor' ? new Browser(app) : await signedIn(app, users[role]));
      return browsers.get(role)!;
    },
  };
}

/** Everything of the event's results, and the audit entries about it. */
export async function resultsState(ds: DataSource, eventId: number): Promise<unknown> {
  const [state] = await ds.query(
    `SELECT (SELECT row_to_json(m) FROM event_minutes m WHERE m.event_id = $1) AS minutes,
            (SELECT coalesce(json_agg(r ORDER BY r.version), '[]') FROM event_minutes_revisions r WHERE r.event_id = $1) AS revisions,
            (SELECT coalesce(json_agg(a ORDER BY a.id), '[]') FROM event_attachments a WHERE a.event_id = $1) AS files,
            (SELECT coalesce(json_agg(o ORDER BY o.kind, o.target_id), '[]') FROM event_outcomes o WHERE o.event_id = $1) AS outcomes,
            (SELECT count(*)::int FROM audit_log WHERE subject_type = 'event' AND subject_id = $1::text) AS audit`, [eventId]);
  return state;
}
