// Accounts vouched for by an administration's OpenID provider (src/modules/sso): created at the
// first sign-in, or an existing account made to match when its owner links it. Each function takes
// the caller's transaction (`db`), so the account and the provider's link commit together.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { isAppError } from '../../shared/errors.js';
import type { Language, Role, UserStatus } from '../../shared/identity.js';
import { recordAudit } from '../audit/index.js';
import { checkCredentials } from './accounts.service.js';
import { User } from './user.entity.js';

export interface VouchedAccountInput {
  email: string;
  name: string;
  administrationId: number;
  department: string | null;
  language: Language;
}

export interface AccountByEmail {
  id: number;
  status: UserStatus;
  role: Role;
  administrationId: number | null;
}

export async function accountByEmail(db: EntityManager, email: string): Promise<AccountByEmail | null> {
  const u = await db.findOne(User, { select: { id: true, status: true, role: true, administrationId: true }, where: { email: email.toLowerCase() } });
  return u ? { id: u.id, status: u.status, role: u.role, administrationId: u.administrationId } : null;
}

/** A user name from the e-mail's local part ("anna.schmidt" → "anna-schmidt"), made unique with a suffix. */
async function freeHandle(db: EntityManager, email: string): Promise<string> {
  let base = email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 22);
  if (base.length < 2) base = `member${base}`;
  if (!(await db.exists(User, { where: { handle: base } }))) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await db.exists(User, { where: { handle: candidate } }))) return candidate;
  }
}

/**
 * Creates an active account in the administration: the provider checked the e-mail (no
 * confirmation link) and vouches that the person works there (no approval step). No password: the
 * member signs in through the provider, or sets one with "forgot password".
 */
export async function createVouchedAccount(db: EntityManager, input: VouchedAccountInput): Promise<number> {
  const now = new Date();
  const inserted = await db.insert(User, {
    email: input.email.toLowerCase(),
    handle: await freeHandle(db, input.email),
    name: input.name.slice(0, 120),
    department: (input.department ?? '').slice(0, 200),
    language: input.language,
    status: 'active',
    administrationId: input.administrationId,
    emailConfirmedAt: now,
    decidedAt: now,
    passwordHash: null,
  });
  const userId = inserted.identifiers[0]!.id as number;
  await recordAudit(db, { actorId: null, action: 'user.created_by_sso', subjectType: 'user', subjectId: userId, details: { administrationId: input.administrationId } });
  return userId;
}

/**
 * After its owner linked it: an account still waiting for its e-mail confirmation or for approval
 * becomes active in the provider's administration (the provider vouches for both).
 */
export async function activateVouchedAccount(db: EntityManager, userId: number, administrationId: number): Promise<void> {
  const user = await db.findOneOrFail(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  if (user.status !== 'unconfirmed' && user.status !== 'pending') return;
  await db.update(User, { id: userId }, { status: 'active', administrationId, emailConfirmedAt: user.emailConfirmedAt ?? new Date(), decidedAt: new Date() });
  await recordAudit(db, { actorId: null, action: 'user.approved_by_sso', subjectType: 'user', subjectId: userId, details: { administrationId } });
}

/** The department from the provider's claim, at each sign-in (the provider is where it is kept). */
export async function setDepartment(db: EntityManager, userId: number, department: string): Promise<void> {
  await db.update(User, { id: userId }, { department: department.slice(0, 200) });
}

export type PasswordCheck = 'ok' | 'wrong' | 'locked';

/**
 * The owner's password before an account is linked to a provider: the same check and failure
 * counting as the sign-in form (accounts.service checkCredentials), so linking is no way around
 * the sign-in throttle. 'locked': the account or address is locked, whatever the password.
 */
export async function checkOwnerPassword(ctx: AppContext, email: string, password: string, ip: string): Promise<PasswordCheck> {
  try {
    const result = await checkCredentials(ctx, email, password, ip);
    if (result.kind === 'challenge') return 'locked';
    return result.kind === 'rejected' ? 'wrong' : 'ok';
  } catch (err) {
    if (isAppError(err) && err.status === 422) return 'wrong';
    if (isAppError(err) && err.status === 429) return 'locked';
    throw err;
  }
}
