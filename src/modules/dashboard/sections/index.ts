// The dashboard's sections, in page order (each file one section; see dashboard.section.ts).
import type { DashboardSection } from '../dashboard.section.js';
import { activitySection } from './activity.js';
import { membersSection } from './members.js';

export const SECTIONS: DashboardSection[] = [
  activitySection,
  membersSection,
];
