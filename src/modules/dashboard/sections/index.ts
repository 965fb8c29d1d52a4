// The dashboard's sections, in page order (each file one section; see dashboard.section.ts).
import type { DashboardSection } from '../dashboard.section.js';
import { healthSection } from './health.js';
import { learningSection } from './learning.js';
import { questionsSection } from './questions.js';

export const SECTIONS: DashboardSection[] = [
  questionsSection,
  learningSection,
  healthSection,
];
