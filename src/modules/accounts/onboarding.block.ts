// The start-page block that invites a new member to the welcome page; gone once finished or skipped.
import type { StartBlockLoader } from '../module.js';
import { onboardingOpen } from './onboarding.store.js';

export const onboardingBlock: StartBlockLoader = async (ds, viewer) => {
  if (!(await onboardingOpen(ds, viewer.user.id))) return null;
  return {
    key: 'onboarding',
    order: 0,
    partial: 'accounts/onboarding-block',
    data: { href: '/welcome', skipAction: '/welcome/skip' },
    title: 'home.onboarding.block.title',
    empty: false,
  };
};
