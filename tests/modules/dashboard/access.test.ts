// Who may open the dashboard: facilitators and admins; members and visitors get 404, also for CSVs.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';

describe('dashboard access', () => {
  const t = useTestApp();

  it('when a visitor or a member opens the dashboard or a CSV, then 404; a facilitator gets the page', async () => {
    for (const path of ['/dashboard', '/dashboard?period=30d', '/dashboard/activity/threads.csv']) {
      expect((await request(t.app).get(path)).status).toBe(404);
      expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(path)).status).toBe(404);
    }
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const page = await facilitator.get('/dashboard?period=30d');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="kern-heading-large">Dashboard</h1>');
    expect(page.text).toMatch(/id="period-30d" name="period" value="30d" checked/);
    expect((await facilitator.get('/dashboard/nothing/here.csv')).status).toBe(404);
  });
});
