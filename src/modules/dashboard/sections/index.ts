// The dashboard's sections, in page order (each file one section; see dashboard.section.ts).
import type { DashboardSection } from '../dashboard.section.js';
import { activitySection } from './activity.js';
import { gapsSection } from './gaps.js';
import { healthSection } from './health.js';
import { learningSection } from './learning.js';
import { membersSection } from './members.js';
import { participationSection } from './participation.js';
import { questionsSection } from './questions.js';
import { topicsSection } from './topics.js';

export const SECTIONS: DashboardSection[] = [
  activitySection,
  topicsSection,
  participationSection,
  questionsSection,
  learningSection,
  gapsSection,
  healthSection,
  membersSection,
];
