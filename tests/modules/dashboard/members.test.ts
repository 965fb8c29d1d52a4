// "Members": registrations and approvals of a custom period in 2008 (rollup rows only this test
// writes) with the change, pending approvals linked, members by role and kind, CSVs, 404 for members.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';

const PERIOD = 'period=custom&from=2008-05-01&to=2008-05-31';

describe('dashboard: members', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const ds = t.ctx.ds;
    const adm = (await createAdministration(ds)).id;
    await ds.query(`DELETE FROM dashboard_daily WHERE day BETWEEN '2008-01-01' AND '2008-12-31'`);
    for (const [day, metric, value] of [['2008-05-06', 'registration', 3], ['2008-05-07', 'approval', 2], ['2008-04-10', 'registration', 4]] as const) {
      await ds.query(`INSERT INTO dashboard_daily (day, metric, administration_id, dim, value) VALUES ($1, $2, $3, '', $4)`, [day, metric, adm, value]);
    }
  });

  it('when a facilitator opens a custom period in 2008, then registrations and approvals show with the change, pending approvals link to the list, and members by role and kind', async () => {
    await createUser(t.ctx.ds, { status: 'pending' });
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const html = (await b.get(`/dashboard?${PERIOD}`)).text.replace(/\s+/g, ' ');
    expect(html).toContain('<h2 class="kern-heading-medium" id="dash-members-heading">Mitglieder</h2>');
    expect(html).toMatch(/<a class="kern-link" href="\/admin\/approvals">Registrierungen, die jetzt auf Freigabe warten: [\d.]+<\/a>/);
    expect(html).toMatch(/Registrierungen<\/th><td class="kern-table__cell">3<\/td> <td class="kern-table__cell">4<\/td><td class="kern-table__cell dash-change dash-change--down">−25,0\s%<\/td>/u);
    expect(html).toMatch(/Freigaben<\/th><td class="kern-table__cell">2<\/td> <td class="kern-table__cell">0<\/td><td[^>]*>\+2<\/td>/);
    expect(html).toContain('<th class="kern-table__header" scope="row">KW 19</th><td class="kern-table__cell">3</td><td class="kern-table__cell">2</td>');
    expect(html).toMatch(/<th class="kern-table__header" scope="row">Moderation<\/th><td class="kern-table__cell">[\d.]+<\/td>/);
    expect(html).toMatch(/<th class="kern-table__header" scope="row">Gemeinde \/ Stadt<\/th><td class="kern-table__cell">[\d.]+<\/td>/);
  });

  it('when a facilitator downloads the CSVs, then they have the BOM and headers; members get 404', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const reg = await b.get(`/dashboard/members/registrations.csv?${PERIOD}`);
    expect(reg.text.startsWith('\uFEFFVon,Bis,Registrierungen,Freigaben\r\n')).toBe(true);
    expect(reg.text).toContain('\r\n2008-05-05,2008-05-11,3,2\r\n');
    const roles = await b.get(`/dashboard/members/roles.csv?${PERIOD}`);
    expect(roles.text).toMatch(/^\uFEFFRolle,Mitglieder\r\n(.*\r\n)*Moderation,\d+\r\n/);
    const kinds = await b.get(`/dashboard/members/kinds.csv?${PERIOD}`);
    expect(kinds.text.startsWith('\uFEFFArt der Verwaltung,Mitglieder\r\n')).toBe(true);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const table of ['registrations', 'roles', 'kinds']) expect((await member.get(`/dashboard/members/${table}.csv?${PERIOD}`)).status).toBe(404);
  });
});
