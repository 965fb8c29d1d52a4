// Onboarding writes of the accounts module: the profile part of the welcome page, and finishing or
// skipping it. The welcome page itself (pages module) also asks forum and use cases for follows.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { User } from './user.entity.js';
import { closeOnboarding } from './onboarding.store.js';

export interface OnboardingProfileInput {
  jobTitle: string;
  department: string;
  languages: string[];
  /** Policy-area keys, checked by the caller against the use-case taxonomy (accounts does not know it). */
  interests: string[];
}

export async function saveOnboardingProfile(ctx: AppContext, userId: number, input: OnboardingProfileInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { jobTitle, department, languages, interests } = input;
    await db.update(User, { id: userId }, { jobTitle, department, languages, interests });
  });
}

export async function finishOnboarding(ctx: AppContext, userId: number, how: 'completed' | 'dismissed'): Promise<void> {
  await inTransaction(ctx.ds, (db) => closeOnboarding(db, userId, how));
}
