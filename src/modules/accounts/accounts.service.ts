// Writes for accounts: registration, confirmation, sign-in checks, password reset, profile,
// two-factor sign-in, approvals, roles, deletion. Each write runs in one transaction and queues
// its e-mail in the outbox of that same transaction.
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { addMs, HOUR, DAY } from '../../shared/clock.js';
import { conflict, forbidden, invalid, notFound, tooMany, type FieldErrors } from '../../shared/errors.js';
import { addToOutbox, takeFromPayload } from '../../shared/outbox.js';
import { generateTotpSecret, verifyTotp } from '../../shared/totp.js';
import type { Lang } from '../../shared/i18n.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../mail/index.js';
import type { ContributionsChoice } from '../module.js';
import { erasePersonalData } from '../personal-data.js';
import { accountsPolicy } from './accounts.policy.js';
import type { Actor, Role } from '../../shared/identity.js';
import type { ProfileInput, RegisterInput } from './accounts.schemas.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { throttleKeys, type ThrottleLimits } from './throttle.js';
import { clearFailures, lockedUntil, recordFailure } from './throttle.store.js';
import { hashSignInCode, keyedHash, newRecoveryCodes, newSignInCode, newToken, normaliseRecoveryCode, sha256, signInCodeMatches } from './tokens.js';
import { User } from './user.entity.js';
import { UserToken, type TokenPurpose } from './user-token.entity.js';
import * as store from './accounts.store.js';

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

export const REGISTRATION_TOPIC = 'accounts.registration-requested';

/** What the worker needs to finish a registration: the form without password and consent, and the hash. */
type PendingRegistration = Omit<RegisterInput, 'password' | 'consent'> & { passwordHash: string };

/**
 * Registers a new account. The request checks the user name (public anyway, and a taken one must
 * be said at the field) and records the rest as one outbox row: the same statements whether or
 * not the e-mail already has an account, so neither the answer nor its timing tells. The worker
 * then creates the account and sends the confirmation link, or tells an existing account's owner
 * (completeRegistration). The row keeps the form only until then; a keyed hash of the e-mail stays.
 */
export async function register(ctx: AppContext, input: RegisterInput): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  if (await ctx.ds.getRepository(User).exists({ where: { handle: input.handle } })) {
    throw conflict('validation.handleTaken', { handle: 'validation.handleTaken' });
  }
  const { password: _password, consent: _consent, ...form } = input;
  const registration: PendingRegistration = { ...form, passwordHash };
  await addToOutbox(ctx.ds, REGISTRATION_TOPIC, { registration, emailHash: keyedHash(ctx.config.sessionSecret, 'registration', input.email) });
}

/**
 * The worker's side of register. Two registrations of one e-mail or user name at the same moment
 * meet the unique indexes: the loser's transaction fails, and its retry finds the account and
 * answers as below.
 */
export async function completeRegistration(ctx: AppContext, outboxId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    // Taking the form out of the row commits with the account and the e-mail: a retry does nothing.
    const raw = await takeFromPayload(db, outboxId, 'registration');
    if (!raw) return;
    const input = JSON.parse(raw) as PendingRegistration;
    const existing = await db.findOne(User, { where: { email: input.email } });
    if (existing) {
      await queueMail(db, existing.email, existing.language, 'alreadyRegistered', {
        loginUrl: `${ctx.config.baseUrl}/login`,
        resetUrl: `${ctx.config.baseUrl}/password/forgot`,
      });
      return;
    }
    if (await db.exists(User, { where: { handle: input.handle } })) {
      // Taken between the form's check and now: rare; the person is asked to choose another.
      await queueMail(db, input.email, input.language, 'registrationHandleTaken', {
        name: input.name, handle: input.handle, url: `${ctx.config.baseUrl}/register`,
      });
      return;
    }
    const domain = input.email.split('@')[1]!;
    const matchedAdministrationId = await store.administrationIdForDomain(db, domain);
    const inserted = await db.insert(User, {
      email: input.email,
      handle: input.handle,
      name: input.name,
      language: input.language,
      passwordHash: input.passwordHash,
      administrationId: matchedAdministrationId,
      requestedOrganization: input.organization,
    });
    const userId = inserted.identifiers[0]!.id as number;
    const token = await issueToken(db, userId, 'confirm_email', CONFIRM_TTL_MS);
    await queueMail(db, input.email, input.language, 'confirm', {
      name: input.name,
      url: `${ctx.config.baseUrl}/register/confirm?token=${token}`,
    });
  });
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
      for (const f of await store.activeFacilitators(db)) {
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

export const throttleLimits = (ctx: AppContext): ThrottleLimits => ({
  accountMaxFailures: ctx.config.SIGNIN_ACCOUNT_MAX_FAILURES,
  accountTotalMaxFailures: ctx.config.SIGNIN_ACCOUNT_TOTAL_MAX_FAILURES,
  ipMaxFailures: ctx.config.SIGNIN_IP_MAX_FAILURES,
  lockMinutes: ctx.config.SIGNIN_LOCK_MINUTES,
});

/** How long an e-mailed sign-in code (and the step that asks for it) is valid. */
export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
/** Wrong tries per e-mailed code (and per step) before it is spent and sign-in starts again. */
export const SIGN_IN_CODE_MAX_TRIES = 5;
/** Code e-mails per account and lock window (SIGNIN_LOCK_MINUTES): a bound on mail to the owner. */
export const SIGN_IN_CODE_MAILS_PER_WINDOW = 5;

/**
 * The step a sign-in needs while a lock applies (see checkCredentials). `userId` is null when the
 * password was wrong or the account cannot sign in: the step looks the same and accepts no code,
 * so the answer to a locked sign-in never tells whether the password was right.
 */
export interface SignInChallenge {
  userId: number | null;
  /** 'totp': the authenticator (or a recovery code); 'email': the code the worker e-mails for `nonce`. */
  method: 'totp' | 'email' | null;
  /** Random, kept in the session; the e-mailed code's row holds its SHA-256 (user_tokens.challenge). */
  nonce: string;
}

export const SIGN_IN_CODE_TOPIC = 'accounts.sign-in-code-requested';

export type CredentialsResult =
  | { kind: 'ok'; userId: number; needsSecondFactor: boolean }
  | { kind: 'challenge'; challenge: SignInChallenge }
  | { kind: 'unconfirmed' }
  | { kind: 'pending' }
  | { kind: 'rejected' };

/** 429 with the minutes left until the lock ends (the lock length is configurable). */
const lockedOut = (until: Date) => tooMany('accounts.login.locked', { minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)) });

/**
 * Checks e-mail and password. Wrong e-mail and wrong password give the same error; account states
 * are told only after a correct password.
 *
 * Failures are counted per e-mail and source address together (SIGNIN_ACCOUNT_MAX_FAILURES), per
 * e-mail from everywhere (SIGNIN_ACCOUNT_TOTAL_MAX_FAILURES) and per source address
 * (SIGNIN_IP_MAX_FAILURES). A lock does not refuse the right person: while any of the three keys is
 * locked, every sign-in goes on to a second step (the authenticator code, or a code we e-mail),
 * whatever the password, so guessing on during a lock learns nothing, and the owner still gets in.
 * An attacker from one address therefore locks only that address out of guessing; the owner
 * elsewhere signs in as usual, and even during a lock everywhere the owner needs only the mailbox.
 */
export async function checkCredentials(ctx: AppContext, email: string, password: string, ip: string): Promise<CredentialsResult> {
  const limits = throttleLimits(ctx);
  const k = throttleKeys(ctx.config.sessionSecret);
  const keys = { pair: k.pair(email, ip), account: k.account(email), ip: k.ip(ip) };
  const locked = await lockedUntil(ctx.ds.manager, Object.values(keys));
  const user = await ctx.ds
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email: email.toLowerCase() })
    .getOne();
  const ok = (await verifyPassword(user?.passwordHash, password)) && !!user && user.status !== 'deleted';
  const countFailure = async (db: EntityManager) => {
    await recordFailure(db, keys.pair, limits.accountMaxFailures, limits.lockMinutes);
    await recordFailure(db, keys.account, limits.accountTotalMaxFailures, limits.lockMinutes);
    await recordFailure(db, keys.ip, limits.ipMaxFailures, limits.lockMinutes);
  };
  if (locked) {
    // During a lock every attempt runs the same statements, whatever the password: it counts, and
    // one outbox row asks the worker for an e-mailed code (for nobody when the password was wrong).
    const member = ok && user.status === 'active' ? user : undefined;
    const challenge: SignInChallenge = { userId: member?.id ?? null, method: member ? (member.totpEnabledAt ? 'totp' : 'email') : null, nonce: newToken() };
    await inTransaction(ctx.ds, async (db) => {
      await countFailure(db);
      await addToOutbox(db, SIGN_IN_CODE_TOPIC, { userId: challenge.method === 'email' ? challenge.userId : null, challenge: sha256(challenge.nonce) });
    });
    return { kind: 'challenge', challenge };
  }
  if (!ok) {
    await inTransaction(ctx.ds, countFailure);
    // This failure started a lock: say what the next sign-in will need.
    const key = (await lockedUntil(ctx.ds.manager, Object.values(keys))) ? 'accounts.login.failedLocked' : 'accounts.login.failed';
    throw invalid(key, { email: key });
  }
  await clearFailures(ctx.ds.manager, [keys.pair]);
  if (user.status === 'unconfirmed') return { kind: 'unconfirmed' };
  if (user.status === 'pending') return { kind: 'pending' };
  if (user.status === 'rejected') return { kind: 'rejected' };
  return { kind: 'ok', userId: user.id, needsSecondFactor: !!user.totpEnabledAt };
}

/**
 * The worker's side of a locked sign-in with the right password: a six-digit code by e-mail, tied
 * to the sign-in's challenge, at most SIGN_IN_CODE_MAILS_PER_WINDOW per account and lock window.
 */
export async function sendSignInCode(ctx: AppContext, outboxId: number, userId: number | null): Promise<void> {
  if (userId === null) return;
  await inTransaction(ctx.ds, async (db) => {
    // Taking the challenge out of the row commits with the code and the e-mail: a retry does nothing.
    const challenge = await takeFromPayload(db, outboxId, 'challenge');
    if (!challenge) return;
    // The member's row is locked, so two workers cannot both pass the e-mail bound.
    const user = await db.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user || user.status !== 'active') return;
    const n = await store.recentSignInCodeCount(db, user.id, ctx.config.SIGNIN_LOCK_MINUTES);
    if (n >= SIGN_IN_CODE_MAILS_PER_WINDOW) return;
    const code = newSignInCode();
    await db.insert(UserToken, {
      userId: user.id, purpose: 'sign_in_code', challenge, tokenHash: hashSignInCode(code), expiresAt: addMs(new Date(), SIGN_IN_CODE_TTL_MS),
    });
    await queueMail(db, user.email, user.language, 'signInCode', {
      name: user.name, code, minutes: SIGN_IN_CODE_TTL_MS / 60_000, resetUrl: `${ctx.config.baseUrl}/password/forgot`,
    });
  });
}

export type ChallengeOutcome = 'ok' | 'wrong' | 'spent';

/**
 * Checks the code of a locked sign-in's second step. 'spent': the e-mailed code has had its
 * SIGN_IN_CODE_MAX_TRIES wrong tries and no longer works. Every wrong code counts against the
 * source address; authenticator codes also count against the account's second step, which, once
 * locked, accepts no code here (only someone who knows the password gets this far).
 */
export async function checkChallenge(ctx: AppContext, challenge: SignInChallenge, code: string, ip: string): Promise<ChallengeOutcome> {
  const limits = throttleLimits(ctx);
  const k = throttleKeys(ctx.config.sessionSecret);
  const { userId, method, nonce } = challenge;
  let outcome: ChallengeOutcome = 'wrong';
  if (userId !== null && method === 'totp') {
    const key = k.secondFactor(userId);
    if (!(await lockedUntil(ctx.ds.manager, [key])) && (await verifySecondFactor(ctx, userId, code))) {
      await clearFailures(ctx.ds.manager, [key]);
      return 'ok';
    }
    await recordFailure(ctx.ds.manager, key, limits.accountMaxFailures, limits.lockMinutes);
  } else if (userId !== null && method === 'email') {
    outcome = await inTransaction(ctx.ds, async (db) => {
      const row = await db.createQueryBuilder(UserToken, 't').setLock('pessimistic_write')
        .where(`t.user_id = :userId AND t.purpose = 'sign_in_code' AND t.challenge = :challenge`, { userId, challenge: sha256(nonce) }).getOne();
      if (!row || row.usedAt || row.expiresAt.getTime() < Date.now()) return 'wrong';
      if (signInCodeMatches(row.tokenHash, code)) {
        await db.update(UserToken, { id: row.id }, { usedAt: new Date() });
        return 'ok';
      }
      const attempts = row.attempts + 1;
      const spent = attempts >= SIGN_IN_CODE_MAX_TRIES;
      await db.update(UserToken, { id: row.id }, { attempts, usedAt: spent ? new Date() : null });
      return spent ? 'spent' : 'wrong';
    });
    if (outcome === 'ok') return 'ok';
  }
  await recordFailure(ctx.ds.manager, k.ip(ip), limits.ipMaxFailures, limits.lockMinutes);
  return outcome;
}

/** Clears the failures of the e-mail from this address once the owner has proved themselves. */
export async function challengePassed(ctx: AppContext, userId: number, ip: string): Promise<void> {
  const user = await ctx.ds.getRepository(User).findOneOrFail({ where: { id: userId } });
  await clearFailures(ctx.ds.manager, [throttleKeys(ctx.config.sessionSecret).pair(user.email, ip)]);
}

/** An authenticator code (not replayed) or an unused recovery code; a match is used up. */
async function verifySecondFactor(ctx: AppContext, userId: number, code: string): Promise<boolean> {
  return inTransaction(ctx.ds, async (db) => {
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
    return store.useRecoveryCode(db, userId, hash);
  });
}

/** The second step of sign-in: a code from the authenticator app, or an unused recovery code. */
export async function checkSecondFactor(ctx: AppContext, userId: number, code: string, ip: string): Promise<void> {
  const limits = throttleLimits(ctx);
  const k = throttleKeys(ctx.config.sessionSecret);
  const keys = [k.secondFactor(userId), k.ip(ip)];
  const locked = await lockedUntil(ctx.ds.manager, keys);
  if (locked) throw lockedOut(locked);
  if (!(await verifySecondFactor(ctx, userId, code))) {
    await inTransaction(ctx.ds, async (db) => {
      await recordFailure(db, keys[0]!, limits.accountMaxFailures, limits.lockMinutes);
      await recordFailure(db, keys[1]!, limits.ipMaxFailures, limits.lockMinutes);
    });
    const until = await lockedUntil(ctx.ds.manager, keys);
    if (until) throw lockedOut(until);
    throw invalid('accounts.twoFactor.wrongCode', { code: 'accounts.twoFactor.wrongCode' });
  }
  await clearFailures(ctx.ds.manager, [keys[0]!]);
}

export const PASSWORD_RESET_TOPIC = 'accounts.password-reset-requested';

/**
 * Records the wish for a reset link and nothing else: one outbox row, the same statements for
 * every address, so neither the answer nor its timing tells whether the address has an account.
 * The worker looks the account up, creates the link and queues the e-mail (issuePasswordReset).
 * The row carries the typed address only until then; a keyed hash of it stays for tracing.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  await addToOutbox(ctx.ds, PASSWORD_RESET_TOPIC, { email, emailHash: keyedHash(ctx.config.sessionSecret, 'password reset', email) });
}

/** The worker's side of requestPasswordReset: only a registered, non-deleted address gets a link. */
export async function issuePasswordReset(ctx: AppContext, outboxId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    // Taking the address out of the row commits with the link and the e-mail: a retry does nothing.
    const email = await takeFromPayload(db, outboxId, 'email');
    if (!email) return;
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
    await store.useUpResetTokens(db, t.userId);
    await store.endSessions(db, t.userId);
    // A new password makes the guessing so far worthless: the account's locks end.
    const k = throttleKeys(ctx.config.sessionSecret);
    const user = await db.findOneOrFail(User, { where: { id: t.userId } });
    await clearFailures(db, [k.account(user.email), k.secondFactor(user.id)]);
    return t.userId;
  });
}

export async function changePassword(ctx: AppContext, userId: number, current: string, next: string, keepSid: string): Promise<void> {
  const user = await ctx.ds.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail();
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw invalid('accounts.password.currentWrong', { currentPassword: 'accounts.password.currentWrong' });
  }
  const passwordHash = await hashPassword(next);
  await inTransaction(ctx.ds, async (db) => {
    await db.update(User, { id: userId }, { passwordHash });
    await store.endSessions(db, userId, keepSid);
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
  const admins = await store.lockActiveAdminIds(db);
  if (admins.includes(userId) && admins.length <= 1) throw conflict('accounts.roles.lastAdmin', fields);
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
    const admin = await store.administrationById(db, administrationId);
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
    const me = await store.lockMemberForDeletion(db, userId);
    if (!me || me.status === 'deleted') throw notFound();
    await erasePersonalData(ctx.modules, db, { id: me.id, email: me.email, handle: me.handle, name: me.name }, contributions);
    // The goodbye message is the one e-mail row left with the address (deleted OUTBOX_KEEP_DAYS after sending).
    await queueMail(db, me.email, me.language, contributions === 'remove' ? 'deletedRemoved' : 'deleted', { name: me.name });
    await recordAudit(db, { actorId: userId, action: 'user.deleted', subjectType: 'user', subjectId: userId, details: { contributions } });
  });
}
