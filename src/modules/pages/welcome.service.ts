// The welcome page (/welcome) for new members: one form that completes the profile (accounts),
// follows forum categories and tags (forum) and use-case topics and methods (usecases), each
// through its module's service, then marks the onboarding done. The forum checks its ids first,
// so a refused choice leaves everything unchanged.
import type { AppContext } from '../module.js';
import type { SessionUser } from '../../shared/identity.js';
import { finishOnboarding, saveOnboardingProfile } from '../accounts/index.js';
import { followForOnboarding } from '../forum/index.js';
import { followTopics } from '../usecases/index.js';
import type { WelcomeInput } from './welcome.schemas.js';

export async function completeWelcome(ctx: AppContext, user: SessionUser, input: WelcomeInput): Promise<void> {
  await followForOnboarding(ctx, user, input.categories, input.tags);
  await saveOnboardingProfile(ctx, user.id, { jobTitle: input.jobTitle, department: input.department, languages: input.languages, interests: input.interests });
  await followTopics(ctx, user, 'topic', input.topics);
  await followTopics(ctx, user, 'method', input.methods);
  await finishOnboarding(ctx, user.id, 'completed');
}

export async function skipWelcome(ctx: AppContext, user: SessionUser): Promise<void> {
  await finishOnboarding(ctx, user.id, 'dismissed');
}
