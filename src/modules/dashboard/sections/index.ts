// The dashboard's sections, in page order (each file one section; see dashboard.section.ts).
import type { DashboardSection } from '../dashboard.section.js';
import { activitySection } from './activity.js';
import { gapsSection } from './gaps.js';
import { healthSection } from './health.js';
import { learningSection } from './learning.js';
import { membersSection } from './members.js';
import { questionsSection } from './questions.js';

export const SECTIONS: DashboardSection[] = [
  activitySection,
  questionsSection,
  learningSection,
  gapsSection,
  healthSection,
  membersSection,
];
