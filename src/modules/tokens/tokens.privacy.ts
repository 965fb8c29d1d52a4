// The tokens part of the privacy download (names, scopes and dates; never the hashes) and of account
// deletion (every token goes, whatever the choice for contributions).
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { deleteTokensOf, tokensForExport } from './tokens.store.js';

export const tokensUserColumns = { 'personal_access_tokens.user_id': 'tokens' };

export async function exportTokensData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return { tokens: await tokensForExport(ds, userId) };
}

export async function deleteTokensData(db: EntityManager, member: FormerMember, _contributions: ContributionsChoice): Promise<void> {
  await deleteTokensOf(db, member.id);
}
