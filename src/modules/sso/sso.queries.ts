// Reads for single sign-on: the providers by administration, by e-mail domain, and for the lists.
import type { DataSource } from 'typeorm';
import { one, rows, type Db } from '../../db/sql.js';

export interface AdministrationRef {
  id: number;
  slug: string;
  name: string;
}

export interface ProviderRow {
  administrationId: number;
  administrationSlug: string;
  administrationName: string;
  issuerUrl: string;
  clientId: string;
  clientSecretEncrypted: string;
  allowedDomains: string[];
  departmentClaim: string | null;
  enabled: boolean;
  updatedAt: Date;
}

const PROVIDER = `SELECT p.administration_id AS "administrationId", a.slug AS "administrationSlug", a.name AS "administrationName",
         p.issuer_url AS "issuerUrl", p.client_id AS "clientId", p.client_secret_encrypted AS "clientSecretEncrypted",
         p.allowed_domains AS "allowedDomains", p.department_claim AS "departmentClaim", p.enabled, p.updated_at AS "updatedAt"
    FROM sso_providers p JOIN administrations a ON a.id = p.administration_id`;

export const administrationBySlug = (db: Db, slug: string) =>
  one<AdministrationRef>(db, `SELECT id, slug, name FROM administrations WHERE slug = $1`, [slug]);

export const allAdministrations = (ds: DataSource) =>
  rows<AdministrationRef>(ds, `SELECT id, slug, name FROM administrations ORDER BY name, id`);

export const providerOf = (db: Db, administrationId: number) => one<ProviderRow>(db, `${PROVIDER} WHERE p.administration_id = $1`, [administrationId]);

/** Every configured provider, for the admins' overview. */
export const allProviders = (ds: DataSource) => rows<ProviderRow>(ds, `${PROVIDER} ORDER BY a.name, a.id`);

/** The administrations whose sign-in is on, for the sign-in page's list. */
export const enabledAdministrations = (ds: DataSource) =>
  rows<AdministrationRef>(ds, `SELECT a.id, a.slug, a.name FROM sso_providers p JOIN administrations a ON a.id = p.administration_id WHERE p.enabled ORDER BY a.name, a.id`);

export async function anyEnabled(ds: DataSource): Promise<boolean> {
  return (await one<{ x: number }>(ds, `SELECT 1 AS x FROM sso_providers WHERE enabled LIMIT 1`, [])) !== null;
}

/** The enabled provider that accepts this e-mail domain (the first by name if several do). */
export const enabledProviderForDomain = (ds: DataSource, domain: string) =>
  one<AdministrationRef>(ds,
    `SELECT a.id, a.slug, a.name FROM sso_providers p JOIN administrations a ON a.id = p.administration_id
      WHERE p.enabled AND $1 = ANY(p.allowed_domains) ORDER BY a.name, a.id LIMIT 1`, [domain]);

export const identityUser = (db: Db, issuer: string, subject: string) =>
  one<{ id: number; userId: number }>(db, `SELECT id, user_id AS "userId" FROM sso_identities WHERE issuer = $1 AND subject = $2`, [issuer, subject]);

export const identitiesOf = (ds: DataSource, userId: number) =>
  rows<{ issuer: string; administrationId: number; createdAt: Date; lastSignInAt: Date }>(ds,
    `SELECT issuer, administration_id AS "administrationId", created_at AS "createdAt", last_sign_in_at AS "lastSignInAt"
       FROM sso_identities WHERE user_id = $1 ORDER BY id`, [userId]);
