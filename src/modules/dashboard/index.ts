// The facilitators' dashboard: the network's health for a period — activity, hot topics, where
// participation comes from, questions, learning, knowledge gaps, content health, members — as SVG
// charts with tables and CSV exports, from daily rollups the worker keeps (see README).
import type { PraxisModule } from '../module.js';
import { DashboardDaily } from './dashboard-daily.entity.js';
import { dashboardRouter } from './dashboard.routes.js';
import { refreshRollups } from './rollups.service.js';

export { rebuildAllRollups, rebuildRollups } from './rollups.service.js';

export const dashboardModule: PraxisModule = {
  name: 'dashboard',
  entities: [DashboardDaily],
  router: dashboardRouter,
  everyMinute: (ctx, now) => refreshRollups(ctx.ds, now),
  adminLinks: [{ href: '/dashboard', label: 'dashboard.adminLink' }],
};
