// The facilitators' dashboard: the network's health for a period — activity, hot topics, where
// participation comes from, questions, learning, knowledge gaps, content health, members — as SVG
// charts with tables and CSV exports, from daily rollups the worker keeps (see README).
import type { PraxisModule } from '../module.js';
import { DashboardChapterAnswers, DashboardDaily, DashboardDailyTotal, DashboardMonthly, DashboardQuestionTime, DashboardSnapshot, DashboardState } from './dashboard-daily.entity.js';
import { dashboardRouter } from './dashboard.routes.js';
import { rebuildAllRollups, refreshRollups } from './rollups.service.js';
import { refreshSnapshots } from './snapshots.service.js';

export { rebuildAllRollups, rebuildChapterAnswers, rebuildQuestionTimes, rebuildRollups } from './rollups.service.js';
// For bench/dashboard/sections.ts: each section's load and CSVs timed on their own.
export { SECTIONS } from './sections/index.js';
export { refreshSnapshots } from './snapshots.service.js';
export { periodFromQuery } from './dashboard.period.js';
export type { SectionContext } from './dashboard.section.js';

export const dashboardModule: PraxisModule = {
  name: 'dashboard',
  entities: [DashboardDaily, DashboardDailyTotal, DashboardMonthly, DashboardQuestionTime, DashboardChapterAnswers, DashboardState, DashboardSnapshot],
  router: dashboardRouter,
  everyMinute: async (ctx, now) => {
    if (await refreshRollups(ctx.ds, now)) await refreshSnapshots(ctx.ds, now);
  },
  // The demo's back-dated activity is older than the worker's last two days: rebuild everything once
  // the other modules' demo activity is in (registry order puts the dashboard after them).
  loadDemoActivity: async (ctx, now) => void (await rebuildAllRollups(ctx.ds, now)),
  adminLinks: [{ href: '/dashboard', label: 'dashboard.adminLink' }],
};
