// The worker's minute hook: rebuilds today and yesterday, at most every 5 minutes.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { dashboardModule } from '../../../src/modules/dashboard/index.js';
import { berlinToday } from '../../../src/modules/dashboard/dashboard.period.js';

describe('dashboard rollups: the worker hook', () => {
  const t = useTestApp();

  it('when the minute hook runs, then today is rolled up, and again only after 5 minutes', async () => {
    const ds = t.ctx.ds;
    const adm = (await createAdministration(ds)).id;
    const author = await createUser(ds, { administrationId: adm });
    const threads = async () => (await ds.query(
      `SELECT coalesce(sum(value), 0)::int AS n FROM dashboard_daily WHERE metric = 'thread' AND administration_id = $1 AND day = $2`,
      [adm, berlinToday()]))[0].n;
    const start = new Date();
    await createThread(ds, { author });
    await dashboardModule.everyMinute!(t.ctx, start);
    expect(await threads()).toBe(1);
    await createThread(ds, { author });
    await dashboardModule.everyMinute!(t.ctx, new Date(start.getTime() + 60_000));
    expect(await threads()).toBe(1);
    await dashboardModule.everyMinute!(t.ctx, new Date(start.getTime() + 6 * 60_000));
    expect(await threads()).toBe(2);
  });
});
