// Reads for working groups: the list, one group with its members, meetings and results, a viewer's
// standing, publications with their revisions, and the search documents' rows.
import { one, rows, type Queryable } from '../../db/sql.js';
import type { GroupStanding } from './events.policy.js';
import type { PublicationStatus } from './group-publication.entity.js';
import type { GroupMembership } from './group.entity.js';

export interface GroupRow {
  id: number;
  slug: string;
  name: string;
  purposeSource: string;
  purposeHtml: string;
  guidingQuestions: string[];
  themes: string[];
  membership: GroupMembership;
  cadence: string;
  language: 'de' | 'en';
  categoryId: number | null;
  categorySlug: string | null;
  archivedAt: Date | null;
}

const GROUP_COLUMNS = `g.id, g.slug, g.name, g.purpose_source AS "purposeSource", g.purpose_html AS "purposeHtml",
  g.guiding_questions AS "guidingQuestions", g.themes, g.membership, g.cadence, g.language, g.category_id AS "categoryId",
  c.slug AS "categorySlug", g.archived_at AS "archivedAt"`;

export async function groupBySlug(db: Queryable, slug: string): Promise<GroupRow | null> {
  return one<GroupRow>(db,
    `SELECT ${GROUP_COLUMNS} FROM working_groups g LEFT JOIN forum_categories c ON c.id = g.category_id WHERE g.slug = $1`, [slug]);
}

export async function standingOf(db: Queryable, groupId: number, userId: number | undefined): Promise<GroupStanding | null> {
  if (!userId) return null;
  return one<GroupStanding>(db, `SELECT role, status FROM working_group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
}

export interface GroupListRow { slug: string; name: string; language: string; membership: GroupMembership; cadence: string; members: number; myStatus: string | null; myRole: string | null }

/** Groups not archived, by name, with their number of active members and the viewer's standing. */
export async function listGroups(db: Queryable, userId: number): Promise<GroupListRow[]> {
  return rows<GroupListRow>(db,
    `SELECT g.slug, g.name, g.language, g.membership, g.cadence,
            (SELECT count(*)::int FROM working_group_members m WHERE m.group_id = g.id AND m.status = 'active') AS members,
            me.status AS "myStatus", me.role AS "myRole"
       FROM working_groups g LEFT JOIN working_group_members me ON me.group_id = g.id AND me.user_id = $1
      WHERE g.archived_at IS NULL ORDER BY lower(g.name)`, [userId]);
}

export interface MemberRow { userId: number; handle: string; name: string; role: 'lead' | 'member'; status: 'active' | 'requested' | 'invited'; administrationName: string | null; administrationSlug: string | null }

export async function membersOf(db: Queryable, groupId: number): Promise<MemberRow[]> {
  return rows<MemberRow>(db,
    `SELECT u.id AS "userId", u.handle, u.name, m.role, m.status, a.name AS "administrationName", a.slug AS "administrationSlug"
       FROM working_group_members m JOIN users u ON u.id = m.user_id LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE m.group_id = $1 ORDER BY m.role, lower(u.name)`, [groupId]);
}

export interface MeetingRow { id: number; slug: string; title: string; startsAt: Date; endsAt: Date; visibility: string; cancelledAt: Date | null; language: string }

/**
 * The group's events: upcoming ones (soonest first) and past ones (latest first). Group-only events
 * only when the viewer may see the group's private side.
 */
export async function meetingsOf(db: Queryable, groupId: number, includeGroupOnly: boolean): Promise<{ upcoming: MeetingRow[]; past: MeetingRow[] }> {
  const all = await rows<MeetingRow>(db,
    `SELECT id, slug, title, starts_at AS "startsAt", ends_at AS "endsAt", visibility, cancelled_at AS "cancelledAt", language
       FROM events WHERE group_id = $1 AND (visibility <> 'group' OR $2) ORDER BY starts_at`, [groupId, includeGroupOnly]);
  const now = Date.now();
  return {
    upcoming: all.filter((e) => new Date(e.endsAt).getTime() >= now),
    past: all.filter((e) => new Date(e.endsAt).getTime() < now).reverse(),
  };
}

export interface PublicationListRow { slug: string; title: string; status: PublicationStatus; language: string; publishedAt: Date | null; updatedAt: Date; authorName: string | null }

export async function publicationsOf(db: Queryable, groupId: number, includeDrafts: boolean): Promise<PublicationListRow[]> {
  return rows<PublicationListRow>(db,
    `SELECT p.slug, p.title, p.status, p.language, p.published_at AS "publishedAt", p.updated_at AS "updatedAt", u.name AS "authorName"
       FROM group_publications p LEFT JOIN users u ON u.id = p.author_id
      WHERE p.group_id = $1 AND (p.status = 'published' OR $2)
      ORDER BY p.status = 'published', coalesce(p.published_at, p.updated_at) DESC`, [groupId, includeDrafts]);
}

export interface LinkedUseCaseRow { slug: string; title: string; language: string; administrationName: string }

/** Linked use cases that are published (a case unpublished later drops out of the list). */
export async function linkedUseCasesOf(db: Queryable, groupId: number): Promise<LinkedUseCaseRow[]> {
  return rows<LinkedUseCaseRow>(db,
    `SELECT uc.slug, uc.title, uc.language, a.name AS "administrationName"
       FROM group_use_cases l JOIN use_cases uc ON uc.id = l.use_case_id JOIN administrations a ON a.id = uc.administration_id
      WHERE l.group_id = $1 AND uc.published ORDER BY l.created_at DESC`, [groupId]);
}

export interface PublicationRow {
  id: number; groupId: number; slug: string; title: string; bodySource: string; bodyHtml: string; status: PublicationStatus;
  reviewComment: string; language: 'de' | 'en'; authorId: number | null; authorName: string | null; reviewerName: string | null;
  publishedAt: Date | null; version: number; updatedAt: Date;
}

export async function publicationBySlug(db: Queryable, groupId: number, slug: string): Promise<PublicationRow | null> {
  return one<PublicationRow>(db,
    `SELECT p.id, p.group_id AS "groupId", p.slug, p.title, p.body_source AS "bodySource", p.body_html AS "bodyHtml", p.status,
            p.review_comment AS "reviewComment", p.language, p.author_id AS "authorId", a.name AS "authorName", r.name AS "reviewerName",
            p.published_at AS "publishedAt", p.version, p.updated_at AS "updatedAt"
       FROM group_publications p LEFT JOIN users a ON a.id = p.author_id LEFT JOIN users r ON r.id = p.reviewed_by_id
      WHERE p.group_id = $1 AND p.slug = $2`, [groupId, slug]);
}

export interface RevisionRow { version: number; title: string; authorName: string | null; createdAt: Date }

export async function revisionsOf(db: Queryable, publicationId: number): Promise<RevisionRow[]> {
  return rows<RevisionRow>(db,
    `SELECT r.version, r.title, u.name AS "authorName", r.created_at AS "createdAt"
       FROM group_publication_revisions r LEFT JOIN users u ON u.id = r.author_id
      WHERE r.publication_id = $1 ORDER BY r.version DESC`, [publicationId]);
}

// ---- search documents ----

export interface GroupDocRow { id: number; slug: string; name: string; purposeSource: string; guidingQuestions: string[]; themes: string[]; language: string; createdAt: Date; updatedAt: Date }

export async function groupDocRows(db: Queryable, ids: number[]): Promise<GroupDocRow[]> {
  return rows<GroupDocRow>(db,
    `SELECT id, slug, name, purpose_source AS "purposeSource", guiding_questions AS "guidingQuestions", themes, language,
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM working_groups WHERE id = ANY($1::int[]) AND archived_at IS NULL`, [ids]);
}

export interface PublicationDocRow { id: number; slug: string; title: string; bodySource: string; language: string; groupSlug: string; groupName: string; themes: string[]; createdAt: Date; updatedAt: Date }

/** Only published publications: drafts are never indexed. */
export async function publicationDocRows(db: Queryable, ids: number[]): Promise<PublicationDocRow[]> {
  return rows<PublicationDocRow>(db,
    `SELECT p.id, p.slug, p.title, p.body_source AS "bodySource", p.language, g.slug AS "groupSlug", g.name AS "groupName", g.themes,
            coalesce(p.published_at, p.created_at) AS "createdAt", p.updated_at AS "updatedAt"
       FROM group_publications p JOIN working_groups g ON g.id = p.group_id
      WHERE p.id = ANY($1::int[]) AND p.status = 'published' AND g.archived_at IS NULL`, [ids]);
}
