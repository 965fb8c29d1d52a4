// axe (WCAG 2.0/2.1 A and AA plus best practices) on the webhooks admin pages at 1280 px and at
// 320 px (400 % zoom, no sideways scrolling): the list, the new-endpoint form (also with errors),
// the secret shown once, and an endpoint with its delivery log; registering works without JavaScript
// (axe needs JavaScript, so that page is checked in the first test).
// The endpoints are deleted afterwards: the database is shared with other browser tests.
import { afterEach, describe, expect, it } from '@jest/globals';
import { generateTotpSecret } from '../../src/shared/totp.js';
import { AxeAudit, createMember, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';

describe('webhooks admin pages in the browser', () => {
  const e = useE2E();
  const created: number[] = [];
  // After each test, while the server's database connection is still open.
  afterEach(async () => {
    if (created.length) await e.server.ctx.ds.query(`DELETE FROM webhook_endpoints WHERE id = ANY($1::int[])`, [created.splice(0)]);
  });

  it('when an admin opens the list, the form (also with errors), the secret and an endpoint with its log, then axe finds nothing at both widths', async () => {
    const admin = await createMember(e.server, 'admin', { totpSecret: generateTotpSecret() });
    const ds = e.server.ctx.ds;
    const [{ id }] = await ds.query(
      `INSERT INTO webhook_endpoints (url, description, events, secret)
       VALUES ('https://portal.example.org/praxis-hook', 'Landesportal', ARRAY['thread.created', 'use_case.published'], 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=') RETURNING id`);
    created.push(id);
    const [{ id: deliveryId }] = await ds.query(
      `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_key, type, body, status, attempts, first_attempt_at, last_attempt_at)
       VALUES ($1, 'msg_e2e', 'thread.created:e2e', 'thread.created', '{}', 'pending', 1, now(), now()) RETURNING id`, [id]);
    await ds.query(`INSERT INTO webhook_attempts (delivery_id, attempt, status_code, response_ms, error, response_body) VALUES ($1, 1, 500, 132, 'HTTP 500', 'Internal Server Error: the receiver could not store the event')`, [deliveryId]);

    const audit = new AxeAudit();
    const a = await TwoWidths.open(e, audit, 'admin', admin, 'de-DE', { errorStatus: 422 });
    await a.page('webhooks list', '/admin/webhooks');
    await a.page('new endpoint', '/admin/webhooks/new');
    await a.errors('new endpoint without events', '/admin/webhooks/new', '/admin/webhooks',
      async (p) => { await p.locator('#field-url').fill('http://portal.example.org/hook'); });
    for (const [i, p] of [a.wide, a.narrow].entries()) {
      await visit(p, '/admin/webhooks/new');
      await field(p, 'webhooks.fields.url').fill(`https://portal${i}.example.org/praxis`);
      await p.locator('#field-events-thread\\.created').check();
      await submitForm(p, '/admin/webhooks', tr('webhooks.new.submit'));
      const [row] = await ds.query(`SELECT id FROM webhook_endpoints WHERE url = $1`, [`https://portal${i}.example.org/praxis`]);
      created.push(row.id);
    }
    await a.current('secret shown once');
    await a.page('endpoint with its log', `/admin/webhooks/${id}`);
    await expect(a.wide.locator('[data-testid="webhook-log"]').innerText()).resolves.toContain('HTTP 500');
    audit.assertClean();
    expect(a.problems).toEqual([]);
  }, 120_000);

  it('when an admin registers an endpoint without JavaScript, then the secret is shown once and the endpoint is listed', async () => {
    const admin = await createMember(e.server, 'admin', { totpSecret: generateTotpSecret() });
    const page = await e.newPage({ javaScript: false });
    await signIn(page, admin);
    await visit(page, '/admin/webhooks/new');
    await field(page, 'webhooks.fields.url').fill('https://intranet.example.org/praxis');
    await page.locator('#field-events-use_case\\.published').check();
    await submitForm(page, '/admin/webhooks', tr('webhooks.new.submit'));
    const secret = await page.locator('#webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    const [{ id }] = await e.server.ctx.ds.query(`SELECT id FROM webhook_endpoints WHERE url = $1 ORDER BY id DESC LIMIT 1`, ['https://intranet.example.org/praxis']);
    created.push(id);
    await visit(page, '/admin/webhooks');
    await expect(page.locator(`[data-endpoint="${id}"]`).innerText()).resolves.toContain('https://intranet.example.org/praxis');
    await expect(page.content()).resolves.not.toContain(secret);
  }, 120_000);
});
