// Reads for accounts: the signed-in user, member profiles, the approval queue, the user list.
import type { DataSource } from 'typeorm';
import type { Page } from '../../shared/pagination.js';
import type { Language, Role, SessionUser, UserStatus } from '../../shared/identity.js';
import { preparedQuery } from '../../db/prepared.js';
import { rows, type Db } from '../../db/sql.js';
import { Administration } from '../administrations/index.js';
import { User } from './user.entity.js';
import { SESSION_USER_COLUMNS } from './session.queries.js';

export async function loadSessionUser(ds: DataSource, id: number): Promise<SessionUser | null> {
  const rows = await preparedQuery<SessionUser>(ds, 'accounts-session-user',
    `SELECT ${SESSION_USER_COLUMNS}
       FROM users u LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE u.id = $1`,
    [id],
  );
  const u = rows[0];
  return u && u.status === 'active' ? u : null;
}

export interface MemberProfile {
  id: number;
  handle: string;
  name: string;
  jobTitle: string;
  department: string;
  bio: string;
  role: Role;
  language: Language;
  languages: string[];
  interests: string[];
  createdAt: Date;
  administrationName: string | null;
  administrationSlug: string | null;
}

export async function findMemberByHandle(ds: DataSource, handle: string): Promise<MemberProfile | null> {
  const [row] = await preparedQuery<MemberProfile>(ds, 'accounts-member-by-handle',
    `SELECT u.id, u.handle, u.name, u.job_title AS "jobTitle", u.department, u.bio, u.role, u.language,
            u.languages, u.interests, u.created_at AS "createdAt", a.name AS "administrationName", a.slug AS "administrationSlug"
       FROM users u LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE u.handle = $1 AND u.status = 'active'`,
    [handle.toLowerCase()],
  );
  return row ?? null;
}

export interface PendingRegistration {
  id: number;
  name: string;
  email: string;
  handle: string;
  requestedOrganization: string;
  createdAt: Date;
}

export async function listPendingRegistrations(ds: DataSource): Promise<PendingRegistration[]> {
  const found = await ds.getRepository(User).find({
    select: { id: true, name: true, email: true, handle: true, requestedOrganization: true, createdAt: true },
    where: { status: 'pending' },
    order: { createdAt: 'ASC' },
  });
  return found.map(({ id, name, email, handle, requestedOrganization, createdAt }) => ({ id, name, email, handle, requestedOrganization, createdAt }));
}

export interface UserListRow {
  id: number;
  handle: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  administrationName: string | null;
  totpEnabled: boolean;
}

export async function listUsers(
  ds: DataSource,
  page: Page,
  filter: { q?: string; role?: string },
): Promise<{ rows: UserListRow[]; total: number }> {
  const params: unknown[] = [page.limit, page.offset];
  const where: string[] = [`u.status <> 'deleted'`];
  if (filter.q) {
    // A typed % or _ means itself, not a wildcard (backslash is LIKE's escape character).
    params.push(`%${filter.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`(lower(u.name) LIKE $${params.length} OR u.email LIKE $${params.length} OR u.handle LIKE $${params.length})`);
  }
  if (filter.role) {
    params.push(filter.role);
    where.push(`u.role = $${params.length}`);
  }
  const list = await rows<UserListRow & { total: string }>(ds,
    `SELECT u.id, u.handle, u.name, u.email, u.role, u.status, a.name AS "administrationName",
            (u.totp_enabled_at IS NOT NULL) AS "totpEnabled", count(*) OVER () AS total
       FROM users u LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE ${where.join(' AND ')}
      ORDER BY u.name LIMIT $1 OFFSET $2`,
    params,
  );
  return { rows: list, total: list.length ? Number(list[0]!.total) : 0 };
}

/** The member's own profile fields, for the /me form. */
export async function ownProfileValues(db: DataSource | Db, userId: number): Promise<{ name: string; jobTitle: string; department: string; language: string; languages: string[]; interests: string[]; bio: string } | null> {
  const u = await db.getRepository(User).findOne({
    select: { id: true, name: true, jobTitle: true, department: true, language: true, languages: true, interests: true, bio: true }, where: { id: userId },
  });
  return u && { name: u.name, jobTitle: u.jobTitle, department: u.department, language: u.language, languages: u.languages, interests: u.interests, bio: u.bio };
}

/** How many registrations wait for a decision. */
export async function pendingRegistrationCount(db: DataSource | Db): Promise<number> {
  return db.getRepository(User).countBy({ status: 'pending' });
}

/** Every administration as a select option (value = id), by name. */
export async function administrationOptions(db: DataSource | Db): Promise<{ value: number; label: string }[]> {
  const found = await db.getRepository(Administration).find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  return found.map((a) => ({ value: a.id, label: a.name }));
}

/** Active members (the visitors' home page figure). */
export async function activeMemberCount(db: DataSource | Db): Promise<number> {
  return db.getRepository(User).countBy({ status: 'active' });
}
