// axe (WCAG 2.0/2.1 A and AA plus best practices) on the personal access token pages at 1280 px and
// at 320 px: a member's list and form (also with an error), the token shown once, and the admins'
// list of every working token. The tokens are deleted afterwards: the database is shared with other browser tests.
import { afterEach, describe, expect, it } from '@jest/globals';
import { generateTotpSecret } from '../../src/shared/totp.js';
import { AxeAudit, createMember, field, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';

describe('personal access tokens in the browser', () => {
  const e = useE2E();
  const members: number[] = [];
  afterEach(async () => {
    if (members.length) await e.server.ctx.ds.query(`DELETE FROM personal_access_tokens WHERE user_id = ANY($1::int[])`, [members.splice(0)]);
  });

  it('when a member creates a token and an admin lists them, then axe finds nothing at both widths and the token is shown once', async () => {
    const member = await createMember(e.server, 'member');
    members.push(member.id);
    const audit = new AxeAudit();
    const m = await TwoWidths.open(e, audit, 'member', member, 'de-DE', { errorStatus: 422 });
    await m.page('my tokens', '/me/tokens');
    await m.errors('token without a scope', '/me/tokens', '/me/tokens', async (p) => {
      await field(p, 'tokens.fields.name').fill('Feedreader');
      await p.locator('#field-scopes-read\\:public').uncheck();
    });
    for (const [i, p] of [m.wide, m.narrow].entries()) {
      await visit(p, '/me/tokens');
      await field(p, 'tokens.fields.name').fill(`Feedreader ${i}`);
      await submitForm(p, '/me/tokens', tr('tokens.new.submit'));
    }
    await m.current('token shown once');
    await expect(m.wide.locator('main').innerText()).resolves.toMatch(/\/feeds\/use-cases\.atom\?token=/);

    const admin = await createMember(e.server, 'admin', { totpSecret: generateTotpSecret() });
    const a = await TwoWidths.open(e, audit, 'admin', admin, 'de-DE');
    await a.page('every working token', '/admin/tokens');
    await expect(a.wide.locator('main').innerText()).resolves.toContain('Feedreader 0');
    audit.assertClean();
    expect([...m.problems, ...a.problems]).toEqual([]);
  }, 120_000);
});
