// A member's links to administrations' providers: in the privacy download, removed with the account.
import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import { identitiesOf } from './sso.queries.js';
import { SsoIdentity } from './sso-identity.entity.js';

export const ssoUserColumns = { 'sso_identities.user_id': 'singleSignOn' };

export async function exportSsoData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return { singleSignOn: await identitiesOf(ds, userId) };
}

export async function deleteSsoData(db: EntityManager, member: { id: number }): Promise<void> {
  await db.delete(SsoIdentity, { userId: member.id });
}
