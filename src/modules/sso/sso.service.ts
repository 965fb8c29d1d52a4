// Writes for single sign-on: the admins' provider settings (audited), and what a verified sign-in
// at a provider does here: find the linked account, create one, or ask the owner of an existing
// account with the same e-mail to link it with their password.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import type { Actor, Language } from '../../shared/identity.js';
import { accountByEmail, activateVouchedAccount, createVouchedAccount, setDepartment } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { issuerProblem, type ProviderConnection } from './oidc.client.js';
import { decryptSecret, encryptSecret } from '../../shared/secrets.js';
import { SsoIdentity } from './sso-identity.entity.js';
import { SsoProvider } from './sso-provider.entity.js';
import { identityUser, providerOf, type ProviderRow } from './sso.queries.js';
import type { SettingsInput } from './sso.schemas.js';

const isAdmin = (actor: Actor | undefined) => actor?.role === 'admin';

/** The key for secrets at rest, or a refusal that says how to set one. */
function secretsKey(ctx: AppContext): Buffer {
  if (!ctx.config.secretsKey) throw conflict('sso.admin.noKey');
  return ctx.config.secretsKey;
}

export async function saveSettings(ctx: AppContext, actor: Actor | undefined, administrationId: number, input: SettingsInput): Promise<void> {
  if (!isAdmin(actor)) throw forbidden();
  const key = secretsKey(ctx);
  const problem = issuerProblem(ctx, input.issuerUrl);
  if (problem) throw invalid('validation.summary', { issuerUrl: problem });
  await inTransaction(ctx.ds, async (db) => {
    const before = await db.findOne(SsoProvider, { where: { administrationId }, lock: { mode: 'pessimistic_write' } });
    if (!before && !input.clientSecret) throw invalid('validation.summary', { clientSecret: 'validation.required' });
    const next = {
      issuerUrl: input.issuerUrl,
      clientId: input.clientId,
      allowedDomains: input.allowedDomains,
      departmentClaim: input.departmentClaim || null,
      enabled: input.enabled === 'yes',
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => !before || JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (input.clientSecret) changed.push('clientSecret' as keyof typeof next);
    if (before && changed.length === 0) return;
    const clientSecretEncrypted = input.clientSecret ? encryptSecret(key, input.clientSecret) : before!.clientSecretEncrypted;
    if (before) await db.update(SsoProvider, { administrationId }, { ...next, clientSecretEncrypted, updatedAt: new Date() });
    else await db.insert(SsoProvider, { administrationId, ...next, clientSecretEncrypted });
    // What changed and to what, never the secret itself.
    const details: Record<string, unknown> = { changed };
    for (const k of changed) if (k !== ('clientSecret' as string)) details[k] = next[k];
    await recordAudit(db, { actorId: actor!.id, action: before ? 'sso.settings_changed' : 'sso.settings_created', subjectType: 'administration', subjectId: administrationId, details });
  });
}

export async function removeSettings(ctx: AppContext, actor: Actor | undefined, administrationId: number): Promise<void> {
  if (!isAdmin(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const removed = await db.delete(SsoProvider, { administrationId });
    if (!removed.affected) throw notFound();
    await recordAudit(db, { actorId: actor!.id, action: 'sso.settings_removed', subjectType: 'administration', subjectId: administrationId });
  });
}

/** The provider's connection with the secret decrypted; null when none is set up or it is switched off. */
export async function enabledConnection(ctx: AppContext, administrationId: number): Promise<{ row: ProviderRow; connection: ProviderConnection } | null> {
  const row = await providerOf(ctx.ds.manager, administrationId);
  if (!row?.enabled || !ctx.config.secretsKey) return null;
  // A secret that does not decrypt (SECRETS_KEY changed since it was saved) counts as not set up
  // (404, and a warning in the log): an admin enters the secret again.
  try {
    decryptSecret(ctx.config.secretsKey, row.clientSecretEncrypted);
  } catch {
    ctx.logger.warn({ administrationId }, 'single sign-on client secret does not decrypt with SECRETS_KEY; enter it again at /admin/sso');
    return null;
  }
  return {
    row,
    connection: {
      administrationId, issuerUrl: row.issuerUrl, clientId: row.clientId, version: new Date(row.updatedAt).getTime(),
      clientSecret: decryptSecret(ctx.config.secretsKey, row.clientSecretEncrypted),
    },
  };
}

export interface VerifiedPerson {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

/** What a verified sign-in leads to. */
export type SignInOutcome =
  | { kind: 'signed-in'; userId: number; created: boolean }
  | { kind: 'link'; userId: number; email: string; department: string | null }
  | { kind: 'unverified-email' }
  | { kind: 'domain-refused'; domain: string }
  | { kind: 'account-refused' };

const claimText = (claims: Record<string, unknown>, name: string | null): string | null => {
  if (!name) return null;
  const v = claims[name];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/**
 * Decides what a verified sign-in at the administration's provider does. The e-mail must be
 * verified by the provider and in one of the allowed domains; otherwise nothing is created.
 */
export async function resolveSignIn(ctx: AppContext, row: ProviderRow, person: VerifiedPerson, language: Language): Promise<SignInOutcome> {
  const email = typeof person.claims.email === 'string' ? person.claims.email.trim().toLowerCase() : '';
  if (!email || person.claims.email_verified !== true) return { kind: 'unverified-email' };
  const domain = email.split('@')[1] ?? '';
  if (!row.allowedDomains.includes(domain)) return { kind: 'domain-refused', domain };
  const department = claimText(person.claims, row.departmentClaim);
  return inTransaction(ctx.ds, async (db) => {
    const linked = await identityUser(db, person.issuer, person.subject);
    if (linked) {
      await db.update(SsoIdentity, { id: linked.id }, { lastSignInAt: new Date() });
      if (department) await setDepartment(db, linked.userId, department);
      return { kind: 'signed-in', userId: linked.userId, created: false };
    }
    const existing = await accountByEmail(db, email);
    if (existing) {
      if (existing.status === 'rejected' || existing.status === 'deleted') return { kind: 'account-refused' };
      return { kind: 'link', userId: existing.id, email, department };
    }
    const name = claimText(person.claims, 'name') ?? ([claimText(person.claims, 'given_name'), claimText(person.claims, 'family_name')].filter(Boolean).join(' ') || email.split('@')[0]!);
    const userId = await createVouchedAccount(db, { email, name, administrationId: row.administrationId, department, language });
    await db.insert(SsoIdentity, { userId, administrationId: row.administrationId, issuer: person.issuer, subject: person.subject });
    return { kind: 'signed-in', userId, created: true };
  });
}

export interface PendingLink {
  userId: number;
  administrationId: number;
  issuer: string;
  subject: string;
  department: string | null;
}

/** Links the account to the provider's subject once its owner gave the password (checked by the caller). */
export async function linkAccount(ctx: AppContext, link: PendingLink): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (await identityUser(db, link.issuer, link.subject)) return;
    await db.insert(SsoIdentity, { userId: link.userId, administrationId: link.administrationId, issuer: link.issuer, subject: link.subject });
    await activateVouchedAccount(db, link.userId, link.administrationId);
    if (link.department) await setDepartment(db, link.userId, link.department);
    await recordAudit(db, { actorId: link.userId, action: 'user.sso_linked', subjectType: 'user', subjectId: link.userId, details: { administrationId: link.administrationId, issuer: link.issuer } });
  });
}
