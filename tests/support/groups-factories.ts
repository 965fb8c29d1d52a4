// Factories for working groups: a group with leads, members, requests and invitations, events of a
// group, and publications in any state.
import type { DataSource } from 'typeorm';
import { createUser, uniq, type TestUser } from './factories.js';

export interface TestGroup { id: number; slug: string; name: string; lead: TestUser }

export async function createGroup(
  ds: DataSource,
  o: Partial<{ membership: 'open' | 'request' | 'invitation'; lead: TestUser; members: TestUser[]; requested: TestUser[]; invited: TestUser[]; name: string }> = {},
): Promise<TestGroup> {
  const slug = uniq('ak-');
  const name = o.name ?? `Arbeitskreis ${slug}`;
  const lead = o.lead ?? (await createUser(ds));
  const [row] = await ds.query(
    `INSERT INTO working_groups (slug, name, purpose_source, purpose_html, guiding_questions, themes, membership)
     VALUES ($1, $2, 'Wir tauschen uns aus.', '<p>Wir tauschen uns aus.</p>', '{"Wie gelingt Beteiligung?"}', '{methods,quality}', $3) RETURNING id`,
    [slug, name, o.membership ?? 'request']);
  const put = (u: TestUser, role: string, status: string) =>
    ds.query(`INSERT INTO working_group_members (group_id, user_id, role, status) VALUES ($1, $2, $3, $4)`, [row.id, u.id, role, status]);
  await put(lead, 'lead', 'active');
  for (const m of o.members ?? []) await put(m, 'member', 'active');
  for (const m of o.requested ?? []) await put(m, 'member', 'requested');
  for (const m of o.invited ?? []) await put(m, 'member', 'invited');
  return { id: row.id, slug, name, lead };
}

export async function createGroupEvent(ds: DataSource, groupId: number, o: Partial<{ visibility: 'network' | 'public' | 'group'; title: string; daysFromNow: number }> = {}): Promise<{ id: number; slug: string; title: string }> {
  const slug = uniq('treffen-');
  const title = o.title ?? `Treffen ${slug}`;
  const days = o.daysFromNow ?? 10;
  const [row] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, visibility, group_id)
     VALUES ($1, $2, $3, 'group_meeting', 'online', now() + make_interval(days => $4), now() + make_interval(days => $4, hours => 2), $5, $6) RETURNING id`,
    [`${slug}@praxis.test`, slug, title, days, o.visibility ?? 'network', groupId]);
  return { id: row.id, slug, title };
}

export async function createPublication(ds: DataSource, groupId: number, author: TestUser, o: Partial<{ status: 'draft' | 'in_review' | 'published'; title: string; body: string }> = {}): Promise<{ id: number; slug: string; title: string }> {
  const slug = uniq('ergebnis-');
  const title = o.title ?? `Ergebnis ${slug}`;
  const body = o.body ?? 'Was wir gelernt haben.';
  const [row] = await ds.query(
    `INSERT INTO group_publications (group_id, slug, title, body_source, body_html, status, author_id, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'published' THEN now() END) RETURNING id`,
    [groupId, slug, title, body, `<p>${body}</p>`, o.status ?? 'draft', author.id]);
  await ds.query(`INSERT INTO group_publication_revisions (publication_id, version, title, body_source, author_id) VALUES ($1, 1, $2, $3, $4)`, [row.id, title, body, author.id]);
  return { id: row.id, slug, title };
}

/** The rows a refused request must leave untouched. */
export async function groupState(ds: DataSource, groupId: number): Promise<unknown> {
  const [g] = await ds.query(`SELECT to_jsonb(g) - 'updated_at' AS row FROM working_groups g WHERE id = $1`, [groupId]);
  const members = await ds.query(`SELECT user_id, role, status FROM working_group_members WHERE group_id = $1 ORDER BY user_id`, [groupId]);
  const pubs = await ds.query(`SELECT to_jsonb(p) - 'updated_at' AS row FROM group_publications p WHERE group_id = $1 ORDER BY id`, [groupId]);
  const revisions = await ds.query(
    `SELECT r.publication_id, r.version FROM group_publication_revisions r JOIN group_publications p ON p.id = r.publication_id WHERE p.group_id = $1 ORDER BY 1, 2`, [groupId]);
  const links = await ds.query(`SELECT use_case_id FROM group_use_cases WHERE group_id = $1 ORDER BY 1`, [groupId]);
  return { group: g?.row ?? null, members, pubs: pubs.map((p: { row: unknown }) => p.row), revisions, links };
}

export async function standing(ds: DataSource, groupId: number, userId: number): Promise<{ role: string; status: string } | null> {
  const [m] = await ds.query(`SELECT role, status FROM working_group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
  return m ?? null;
}

export async function notificationsOf(ds: DataSource, userId: number, kind: string): Promise<number> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = $2`, [userId, kind]);
  return r.n;
}

export async function auditCount(ds: DataSource, action: string, subjectId: number): Promise<number> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = $2`, [action, String(subjectId)]);
  return r.n;
}
