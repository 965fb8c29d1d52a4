// Writes for accounts: registration, confirmation, sign-in checks, password reset, profile,
// two-factor sign-in, approvals, roles, deletion. Each write runs in one transaction and queues
// its e-mail in the outbox of that same transaction.
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { addMs, HOUR, DAY } from '../../shared/clock.js';
import { conflict, forbidden, invalid, notFound, tooMany, type FieldErrors } from '../../shared/errors.js';
import { generateTotpSecret, verifyTotp } from '../../shared/totp.js';
import type { Lang } from '../../web/i18n.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../mail/index.js';
import type { ContributionsChoice } from '../module.js';
import { erasePersonalData } from '../personal-data.js';
import { accountsPolicy, type Actor } from './accounts.policy.js';
import type { ProfileInput, RegisterInput } from './accounts.schemas.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { accountKey, clearFailures, DEFAULT_LIMITS, ipKey, lockedUntil, recordFailure, type ThrottleLimits } from './throttle.js';
import { newRecoveryCodes, newToken, normaliseRecoveryCode, sha256 } from './tokens.js';
import { User, type Role } from './user.entity.js';
import { UserToken, type TokenPurpose } from './user-token.entity.js';

export const CONFIRM_TTL_MS = 2 * DAY;
export const RESET_TTL_MS = HOUR;

async function issueToken(db: EntityManager, userId: number, purpose: TokenPurpose, ttlMs: number): Promise<string> {
  const token = newToken();
  await db.insert(UserToken, { userId, purpose, tokenHash: sha256(token), expiresAt: addMs(new Date(), ttlMs) });
  return token;
}

/** Takes a link token: it must exist, be unused and unexpired. Marks it used (single use). */
async function takeToken(db: EntityManager, token: string, purpose: TokenPurpose): Promise<UserToken> {
  const row = await db
    .createQueryBuilder(UserToken, 't')
    .setLock('pessimistic_write')
    .where('t.token_hash = :h AND t.purpose = :p', { h: sha256(token), p: purpose })
    .getOne();
  if (!row || row.usedAt) throw invalid('accounts.token.invalid');
  if (row.expiresAt.getTime() < Date.now()) throw invalid('accounts.token.expired');
  await db.update(UserToken, { id: row.id }, { usedAt: new Date() });
  return row;
}

async function facilitatorEmails(db: EntityManager): Promise<{ email: string; language: Lang }[]> {
  return db.query(`SELECT email, language FROM users WHERE role IN ('facilitator', 'admin') AND status = 'active'`);
}

export type RegisterResult = { kind: 'created'; userId: number } | { kind: 'existing' };

/**
 * Registers a new account. An e-mail that is already registered gets a notice instead, and the
 * caller shows the same "check your inbox" page, so the form never reveals who has an account.
 */
export async function register(ctx: AppContext, input: RegisterInput): Promise<RegisterResult> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.ds, (db) => registerIn(ctx, db, input, passwordHash)).catch((err: unknown) => {
    // Two registrations at the same moment: the unique indexes decide, with the answers given above.
    const constraint = (err as { driverError?: { constraint?: string } }).driverError?.constraint;
    if (constraint === 'users_email_key') return { kind: 'existing' } as const;
    if (constraint === 'users_handle_key') throw conflict('validation.handleTaken', { handle: 'validation.handleTaken' });
    throw err;
  });
}

async function registerIn(ctx: AppContext, db: EntityManager, input: RegisterInput, passwordHash: string): Promise<RegisterResult> {
  const existing = await db.findOne(User, { where: { email: input.email } });
  if (existing) {
    await queueMail(db, existing.email, existing.language, 'alreadyRegistered', {
      loginUrl: `${ctx.config.baseUrl}/login`,
      resetUrl: `${ctx.config.baseUrl}/password/forgot`,
    });
    return { kind: 'existing' };
  }
  if (await db.findOne(User, { where: { handle: input.handle } })) {
    throw conflict('validation.handleTaken', { handle: 'validation.handleTaken' });
  }
  const domain = input.email.split('@')[1]!;
  const [match] = await db.query(`SELECT administration_id FROM administration_domains WHERE domain = $1`, [domain]);
  const inserted = await db.insert(User, {
    email: input.email,
    handle: input.handle,
    name: input.name,
    language: input.language,
    passwordHash,
    administrationId: match?.administration_id ?? null,
    requestedOrganization: input.organization,
  });
  const userId = inserted.identifiers[0]!.id as number;
  const token = await issueToken(db, userId, 'confirm_email', CONFIRM_TTL_MS);
  await queueMail(db, input.email, input.language, 'confirm', {
    name: input.name,
    url: `${ctx.config.baseUrl}/register/confirm?token=${token}`,
  });
  return { kind: 'created', userId };
}

export type ConfirmResult = 'active' | 'pending';

/** Confirms the e-mail. With a known domain the account is active at once; otherwise it waits for a facilitator. */
export async function confirmEmail(ctx: AppContext, token: string): Promise<ConfirmResult> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await takeToken(db, token, 'confirm_email');
    const user = await db.findOneOrFail(User, { where: { id: t.userId } });
    if (user.status !== 'unconfirmed') return user.status === 'active' ? 'active' : 'pending';
    const status = user.administrationId ? 'active' : 'pending';
    await db.update(User, { id: user.id }, { status, emailConfirmedAt: new Date() });
    if (status === 'pending') {
      for (const f of await facilitatorEmails(db)) {
        await queueMail(db, f.email, f.language, 'approvalNeeded', {
          name: user.name,
          organization: user.requestedOrganization || '—',
          url: `${ctx.config.baseUrl}/admin/approvals`,
        });
      }
    }
    return status;
  });
}

export type CredentialsResult =
  | { kind: 'ok'; userId: number; needsSecondFactor: boolean }
  | { kind: 'unconfirmed' }
  | { kind: 'pending' }
  | { kind: 'rejected' };

/**
 * Checks e-mail and password, with throttling per account and per IP. Wrong e-mail and wrong
 * password give the same error; account states are told only after a correct password.
 */
/** 429 with the minutes left until the lock ends (the lock length is configurable). */
const lockedOut = (until: Date) => tooMany('accounts.login.locked', { minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)) });

export async function checkCredentials(
  ctx: AppContext,
  email: string,
  password: string,
  ip: string,
  limits: ThrottleLimits = DEFAULT_LIMITS,
): Promise<CredentialsResult> {
  const keys = [accountKey(email), ipKey(ip)];
  const locked = await lockedUntil(ctx.ds.manager, keys);
  if (locked) throw lockedOut(locked);
  const user = await ctx.ds
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email: email.toLowerCase() })
    .getOne();
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user || user.status === 'deleted') {
    await inTransaction(ctx.ds, async (db) => {
      await recordFailure(db, keys[0]!, limits.accountMaxFailures, limits.lockMinutes);
      await recordFailure(db, keys[1]!, limits.ipMaxFailures, limits.lockMinutes);
    });
    {
      const until = await lockedUntil(ctx.ds.manager, keys);
      if (until) throw lockedOut(until);
    }
    throw invalid('accounts.login.failed', { email: 'accounts.login.failed' });
  }
  await clearFailures(ctx.ds.manager, keys[0]!);
  if (user.status === 'unconfirmed') return { kind: 'unconfirmed' };
  if (user.status === 'pending') return { kind: 'pending' };
  if (user.status === 'rejected') return { kind: 'rejected' };
  return { kind: 'ok', userId: user.id, needsSecondFactor: !!user.totpEnabledAt };
}

/** The second step of sign-in: a code from the authenticator app, or an unused recovery code. */
export async function checkSecondFactor(
  ctx: AppContext,
  userId: number,
  code: string,
  ip: string,
  limits: ThrottleLimits = DEFAULT_LIMITS,
): Promise<void> {
  const keys = [`2fa:${userId}`, ipKey(ip)];
  {
      const until = await lockedUntil(ctx.ds.manager, keys);
      if (until) throw lockedOut(until);
    }
  const ok = await inTransaction(ctx.ds, async (db) => {
    const user = await db
      .createQueryBuilder(User, 'u')
      .addSelect(['u.totpSecret', 'u.totpLastStep'])
      .setLock('pessimistic_write')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user?.totpSecret) return false;
    const step = verifyTotp(user.totpSecret, code);
    if (step !== null) {
      if (user.totpLastStep !== null && step <= Number(user.totpLastStep)) return false; // replayed code
      await db.update(User, { id: userId }, { totpLastStep: String(step) });
      return true;
    }
    const hash = sha256(normaliseRecoveryCode(code));
    const res = await db.query(
      `UPDATE user_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, hash],
    );
    return (Array.isArray(res[0]) ? res[0] : res).length > 0;
  });
  if (!ok) {
    await inTransaction(ctx.ds, async (db) => {
      await recordFailure(db, keys[0]!, limits.accountMaxFailures, limits.lockMinutes);
      await recordFailure(db, keys[1]!, limits.ipMaxFailures, limits.lockMinutes);
    });
    {
      const until = await lockedUntil(ctx.ds.manager, keys);
      if (until) throw lockedOut(until);
    }
    throw invalid('accounts.twoFactor.wrongCode', { code: 'accounts.twoFactor.wrongCode' });
  }
  await clearFailures(ctx.ds.manager, keys[0]!);
}

/** Always answers the same way; only a registered, non-deleted address gets a link. */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const user = await db.findOne(User, { where: { email } });
    if (!user || user.status === 'deleted') return;
    const token = await issueToken(db, user.id, 'reset_password', RESET_TTL_MS);
    await queueMail(db, user.email, user.language, 'reset', {
      name: user.name,
      url: `${ctx.config.baseUrl}/password/reset?token=${token}`,
    });
  });
}

/** Sets a new password from a reset link; the link works once, and every session of the member ends. */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx.ds, async (db) => {
    const t = await takeToken(db, token, 'reset_password');
    await db.update(User, { id: t.userId }, { passwordHash });
    await db.query(
      `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL`,
      [t.userId],
    );
    await endSessions(db, t.userId);
    await clearFailures(db, `acct:${(await db.findOneOrFail(User, { where: { id: t.userId } })).email}`);
    return t.userId;
  });
}

/** Ends every session of a member (optionally keeping one, e.g. the current). */
export async function endSessions(db: EntityManager, userId: number, keepSid?: string): Promise<void> {
  await db.query(
    `DELETE FROM session WHERE (sess -> 'passport' ->> 'user')::int = $1 AND ($2::text IS NULL OR sid <> $2)`,
    [userId, keepSid ?? null],
  );
}

export async function changePassword(ctx: AppContext, userId: number, current: string, next: string, keepSid: string): Promise<void> {
  const user = await ctx.ds.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail();
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw invalid('accounts.password.currentWrong', { currentPassword: 'accounts.password.currentWrong' });
  }
  const passwordHash = await hashPassword(next);
  await inTransaction(ctx.ds, async (db) => {
    await db.update(User, { id: userId }, { passwordHash });
    await endSessions(db, userId, keepSid);
    await queueMail(db, user.email, user.language, 'passwordChanged', { name: user.name });
  });
}

export async function updateProfile(ctx: AppContext, userId: number, input: ProfileInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await db.update(User, { id: userId }, { ...input });
  });
}

/** Sets the language from the switch on every page (for signed-in members it is their setting). */
export async function setLanguage(ctx: AppContext, userId: number, language: Lang): Promise<void> {
  await ctx.ds.getRepository(User).update({ id: userId }, { language });
}

export const newTwoFactorSecret = () => generateTotpSecret();

/** Turns on two-factor sign-in once the member proves the app works; returns fresh recovery codes. */
export async function enableTwoFactor(ctx: AppContext, userId: number, secret: string, code: string): Promise<string[]> {
  const step = verifyTotp(secret, code);
  if (step === null) throw invalid('accounts.twoFactor.wrongCode', { code: 'accounts.twoFactor.wrongCode' });
  const codes = newRecoveryCodes();
  await inTransaction(ctx.ds, async (db) => {
    await db.update(User, { id: userId }, { totpSecret: secret, totpEnabledAt: new Date(), totpLastStep: String(step) });
    await db.delete(RecoveryCode, { userId });
    await db.insert(RecoveryCode, codes.map((c) => ({ userId, codeHash: sha256(normaliseRecoveryCode(c)) })));
    await recordAudit(db, { actorId: userId, action: 'user.2fa_enabled', subjectType: 'user', subjectId: userId });
  });
  return codes;
}

export async function disableTwoFactor(ctx: AppContext, actor: Actor, password: string): Promise<void> {
  if (actor.role === 'admin') throw forbidden('accounts.twoFactor.requiredForAdmins');
  const user = await ctx.ds.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.id }).getOneOrFail();
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalid('accounts.password.currentWrong', { password: 'accounts.password.currentWrong' });
  }
  await inTransaction(ctx.ds, async (db) => {
    await db.update(User, { id: actor.id }, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await db.delete(RecoveryCode, { userId: actor.id });
    await recordAudit(db, { actorId: actor.id, action: 'user.2fa_disabled', subjectType: 'user', subjectId: actor.id });
  });
}

/**
 * Locks the active admins (always in id order, so concurrent callers queue instead of deadlocking)
 * and refuses when `userId` is the only one left: two admins demoting each other at the same
 * moment must not leave the platform without any.
 */
async function keepOneAdmin(db: EntityManager, userId: number, fields?: FieldErrors): Promise<void> {
  const admins: { id: number }[] = await db.query(
    `SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`);
  if (admins.some((a) => a.id === userId) && admins.length <= 1) throw conflict('accounts.roles.lastAdmin', fields);
}

async function pendingUser(db: EntityManager, userId: number): Promise<User> {
  const user = await db.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  if (!user) throw notFound();
  if (user.status !== 'pending') throw conflict('accounts.approvals.alreadyDecided');
  return user;
}

export async function approveRegistration(ctx: AppContext, actor: Actor | undefined, userId: number, administrationId: number): Promise<void> {
  if (!accountsPolicy.canDecideRegistrations(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const user = await pendingUser(db, userId);
    const [admin] = await db.query(`SELECT id, name FROM administrations WHERE id = $1`, [administrationId]);
    if (!admin) throw invalid('validation.summary', { administrationId: 'validation.required' });
    await db.update(User, { id: userId }, { status: 'active', administrationId, decidedAt: new Date(), decidedBy: actor!.id });
    await recordAudit(db, {
      actorId: actor!.id, action: 'user.approved', subjectType: 'user', subjectId: userId,
      details: { administrationId, administration: admin.name },
    });
    await queueMail(db, user.email, user.language, 'approved', { name: user.name, administration: admin.name, url: `${ctx.config.baseUrl}/login` });
  });
}

export async function rejectRegistration(ctx: AppContext, actor: Actor | undefined, userId: number, reason: string): Promise<void> {
  if (!accountsPolicy.canDecideRegistrations(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const user = await pendingUser(db, userId);
    await db.update(User, { id: userId }, { status: 'rejected', rejectionReason: reason, decidedAt: new Date(), decidedBy: actor!.id });
    await recordAudit(db, { actorId: actor!.id, action: 'user.rejected', subjectType: 'user', subjectId: userId, reason });
    await queueMail(db, user.email, user.language, 'rejected', { name: user.name, reason });
  });
}

export async function changeRole(ctx: AppContext, actor: Actor | undefined, userId: number, role: Role, reason: string): Promise<void> {
  if (!accountsPolicy.canChangeRoles(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    if (role !== 'admin') await keepOneAdmin(db, userId, { role: 'accounts.roles.lastAdmin' });
    const user = await db.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user || user.status === 'deleted') throw notFound();
    if (user.role === role) return;
    await db.update(User, { id: userId }, { role });
    await recordAudit(db, {
      actorId: actor!.id, action: 'user.role_changed', subjectType: 'user', subjectId: userId,
      reason, details: { from: user.role, to: role },
    });
  });
}

/**
 * Deletes an account. Every module erases the member's personal data in its tables and keeps
 * (shown as "former member") or removes their contributions, as the member chose; all in one
 * transaction, with the search index changes queued in it (src/modules/personal-data.ts). The row
 * stays, erased, so that kept contributions and the audit log still point somewhere.
 */
export async function deleteAccount(ctx: AppContext, userId: number, password: string, contributions: ContributionsChoice = 'keep'): Promise<void> {
  const user = await ctx.ds.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail();
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalid('accounts.password.currentWrong', { password: 'accounts.password.currentWrong' });
  }
  await inTransaction(ctx.ds, async (db) => {
    await keepOneAdmin(db, userId);
    const [me] = await db.query(`SELECT id, email, handle, name, language, status FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    if (!me || me.status === 'deleted') throw notFound();
    await erasePersonalData(db, { id: me.id, email: me.email, handle: me.handle, name: me.name }, contributions);
    // The goodbye message is the one e-mail row left with the address (deleted OUTBOX_KEEP_DAYS after sending).
    await queueMail(db, me.email, me.language, contributions === 'remove' ? 'deletedRemoved' : 'deleted', { name: me.name });
    await recordAudit(db, { actorId: userId, action: 'user.deleted', subjectType: 'user', subjectId: userId, details: { contributions } });
  });
}
