// Writes for working groups (and the reads that belong to a write: row locks, slug checks, the
// people a change concerns). Every function takes the transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { GroupStanding } from './events.policy.js';
import { groupBySlug, publicationBySlug, type GroupRow, type PublicationRow } from './groups.queries.js';
import type { GroupInput, PublicationInput } from './groups.schemas.js';
import type { GroupMemberStatus, GroupRole } from './group.entity.js';

/**
 * Locks the group's row, then reads it: every membership change of a group runs under this lock,
 * so two leads stepping down at once cannot leave it without a lead.
 */
export async function lockGroup(db: Db, slug: string): Promise<GroupRow | null> {
  await rows(db, `SELECT id FROM working_groups WHERE slug = $1 FOR UPDATE`, [slug]);
  return groupBySlug(db, slug);
}

export async function groupSlugsLike(db: Db, base: string): Promise<string[]> {
  return (await rows<{ slug: string }>(db, `SELECT slug FROM working_groups WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`])).map((r) => r.slug);
}

/** Inserts a group; null when the slug was taken meanwhile. */
export async function insertGroup(db: Db, slug: string, g: GroupInput, purposeHtml: string, createdById: number): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO working_groups (slug, name, purpose_source, purpose_html, guiding_questions, themes, membership, cadence, language, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [slug, g.name, g.purpose, purposeHtml, g.guidingQuestions, g.themes, g.membership, g.cadence, g.language, createdById]);
  return row?.id ?? null;
}

export async function updateGroup(db: Db, id: number, g: GroupInput, purposeHtml: string): Promise<void> {
  await affected(db,
    `UPDATE working_groups SET name = $2, purpose_source = $3, purpose_html = $4, guiding_questions = $5, themes = $6, membership = $7,
            cadence = $8, language = $9, updated_at = now() WHERE id = $1`,
    [id, g.name, g.purpose, purposeHtml, g.guidingQuestions, g.themes, g.membership, g.cadence, g.language]);
}

export async function setGroupCategory(db: Db, id: number, categoryId: number | null): Promise<void> {
  await affected(db, `UPDATE working_groups SET category_id = $2 WHERE id = $1`, [id, categoryId]);
}

export interface Person { id: number; handle: string; language: string }

/** Active members of the network by handle (unknown or inactive handles are left out). */
export async function activeUsersByHandles(db: Db, handles: string[]): Promise<Person[]> {
  return rows<Person>(db, `SELECT id, handle, language FROM users WHERE handle = ANY($1::text[]) AND status = 'active'`, [handles]);
}

export async function memberStanding(db: Db, groupId: number, userId: number): Promise<GroupStanding | null> {
  return one<GroupStanding>(db, `SELECT role, status FROM working_group_members WHERE group_id = $1 AND user_id = $2 FOR UPDATE`, [groupId, userId]);
}

/** Adds the member or changes their entry (role and status). */
export async function putMember(db: Db, groupId: number, userId: number, role: GroupRole, status: GroupMemberStatus, decidedById: number | null): Promise<void> {
  await rows(db,
    `INSERT INTO working_group_members (group_id, user_id, role, status, decided_by_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (group_id, user_id) DO UPDATE SET role = EXCLUDED.role, status = EXCLUDED.status, decided_by_id = EXCLUDED.decided_by_id, updated_at = now()`,
    [groupId, userId, role, status, decidedById]);
}

export async function setMemberRole(db: Db, groupId: number, userId: number, role: GroupRole, decidedById: number): Promise<void> {
  await affected(db,
    `UPDATE working_group_members SET role = $3, decided_by_id = $4, updated_at = now() WHERE group_id = $1 AND user_id = $2`,
    [groupId, userId, role, decidedById]);
}

export async function deleteMember(db: Db, groupId: number, userId: number): Promise<number> {
  return affected(db, `DELETE FROM working_group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
}

/** The group's active leads (with their language, for notifications). */
export async function leadsOf(db: Db, groupId: number): Promise<Person[]> {
  return rows<Person>(db,
    `SELECT u.id, u.handle, u.language FROM working_group_members m JOIN users u ON u.id = m.user_id
      WHERE m.group_id = $1 AND m.status = 'active' AND m.role = 'lead' ORDER BY u.id`, [groupId]);
}

export async function activeMemberIds(db: Db, groupId: number): Promise<number[]> {
  return (await rows<{ userId: number }>(db,
    `SELECT user_id AS "userId" FROM working_group_members WHERE group_id = $1 AND status = 'active' ORDER BY user_id`, [groupId])).map((r) => r.userId);
}

// ---- publications ----

export async function lockPublication(db: Db, groupId: number, slug: string): Promise<PublicationRow | null> {
  await rows(db, `SELECT id FROM group_publications WHERE group_id = $1 AND slug = $2 FOR UPDATE`, [groupId, slug]);
  return publicationBySlug(db, groupId, slug);
}

export async function publicationSlugsLike(db: Db, groupId: number, base: string): Promise<string[]> {
  return (await rows<{ slug: string }>(db,
    `SELECT slug FROM group_publications WHERE group_id = $1 AND (slug = $2 OR slug LIKE $3)`, [groupId, base, `${base}-%`])).map((r) => r.slug);
}

export async function insertPublication(db: Db, groupId: number, slug: string, p: PublicationInput, html: string, authorId: number): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO group_publications (group_id, slug, title, body_source, body_html, language, author_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (group_id, slug) DO NOTHING RETURNING id`,
    [groupId, slug, p.title, p.body, html, p.language, authorId]);
  return row?.id ?? null;
}

/** Saves a new text as the next version. */
export async function updatePublication(db: Db, id: number, p: PublicationInput, html: string, version: number): Promise<void> {
  await affected(db,
    `UPDATE group_publications SET title = $2, body_source = $3, body_html = $4, language = $5, version = $6, updated_at = now() WHERE id = $1`,
    [id, p.title, p.body, html, p.language, version]);
}

export async function insertRevision(db: Db, publicationId: number, version: number, title: string, bodySource: string, authorId: number): Promise<void> {
  await rows(db,
    `INSERT INTO group_publication_revisions (publication_id, version, title, body_source, author_id) VALUES ($1, $2, $3, $4, $5)`,
    [publicationId, version, title, bodySource, authorId]);
}

export async function submitPublication(db: Db, id: number): Promise<void> {
  await affected(db, `UPDATE group_publications SET status = 'in_review', review_comment = '', updated_at = now() WHERE id = $1`, [id]);
}

export async function publishPublication(db: Db, id: number, reviewerId: number): Promise<void> {
  await affected(db,
    `UPDATE group_publications SET status = 'published', reviewed_by_id = $2, review_comment = '', published_at = coalesce(published_at, now()),
            updated_at = now() WHERE id = $1`, [id, reviewerId]);
}

export async function returnPublication(db: Db, id: number, reviewerId: number, comment: string): Promise<void> {
  await affected(db,
    `UPDATE group_publications SET status = 'draft', reviewed_by_id = $2, review_comment = $3, updated_at = now() WHERE id = $1`,
    [id, reviewerId, comment]);
}

// ---- linked use cases ----

export async function publishedUseCaseBySlug(db: Db, slug: string): Promise<{ id: number; title: string } | null> {
  return one(db, `SELECT id, title FROM use_cases WHERE slug = $1 AND published`, [slug]);
}

export async function linkUseCase(db: Db, groupId: number, useCaseId: number, addedById: number): Promise<number> {
  return affected(db,
    `INSERT INTO group_use_cases (group_id, use_case_id, added_by_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING group_id`,
    [groupId, useCaseId, addedById]);
}

export async function unlinkUseCase(db: Db, groupId: number, useCaseId: number): Promise<number> {
  return affected(db, `DELETE FROM group_use_cases WHERE group_id = $1 AND use_case_id = $2`, [groupId, useCaseId]);
}
