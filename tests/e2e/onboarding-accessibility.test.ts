// The welcome page for new members (/welcome), the topics a member follows (/use-cases/topics) and
// the visitors' home page: axe at 1280 px and 320 px (no sideways scrolling, no duplicate ids), the
// welcome form also with its errors shown; and the welcome form sent with JavaScript switched off.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { createCategory, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';

describe('onboarding and the visitors\' home page', () => {
  const e = useE2E();

  it('when a visitor opens the home page and a new member the welcome page and their topics, then axe finds nothing at both widths', async () => {
    const ds = e.server.ctx.ds;
    await createUseCase(ds, { visibility: 'public', title: 'Jugendbeteiligung im Quartier mit einem langen Titel, der umbrechen muss' });
    const category = await createCategory(ds, { isPublic: true, name: 'Bürgerhaushalt und Finanzen' });
    await createThread(ds, { category, tags: ['leichte-sprache'] });
    const audit = new AxeAudit();
    const v = await TwoWidths.open(e, audit, 'visitor');
    await v.page('visitors\' home page', '/');
    await expect(v.wide.locator('.network-figure').count()).resolves.toBeGreaterThan(0);

    const member = await createMember(e.server);
    const m = await TwoWidths.open(e, audit, 'new member', member, 'de-DE', { errorStatus: 422 });
    await m.page('welcome page', '/welcome');
    await m.errors('welcome page with a too long job title', '/welcome', '/welcome', async (p) => {
      await field(p, 'accounts.fields.jobTitle').fill('x'.repeat(200));
    });
    await m.page('topics I follow', '/use-cases/topics');
    const english = await createMember(e.server);
    await ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [english.id]);
    const en = await TwoWidths.open(e, audit, 'new member (English)', english, 'de-DE');
    await en.page('welcome page (English)', '/welcome');
    await expect(en.wide.locator('h1').innerText()).resolves.toBe(tr('home.onboarding.title', {}, 'en'));
    audit.assertClean();
    expect([...v.problems, ...m.problems, ...en.problems]).toEqual([]);
  });

  it('when JavaScript is off, then a new member completes the welcome page and another skips it, and both are stored', async () => {
    const ds = e.server.ctx.ds;
    const member = await createMember(e.server);
    const page = await e.newPage({ javaScript: false });
    await signIn(page, member);
    await visit(page, '/welcome');
    await field(page, 'accounts.fields.jobTitle').fill('Beteiligungsbeauftragte');
    await page.locator('#field-languages-tr').check();
    await page.locator('#field-interests-mobility').check();
    await page.locator('#field-topics-climate').check();
    await submitForm(page, '/welcome', tr('home.onboarding.save'));
    expect(new URL(page.url()).pathname).toBe('/');
    const [row] = await ds.query(`SELECT job_title, languages, interests FROM users WHERE id = $1`, [member.id]);
    expect(row).toEqual({ job_title: 'Beteiligungsbeauftragte', languages: ['tr'], interests: ['mobility'] });
    const follows = await ds.query(`SELECT facet, key FROM use_case_topic_follows WHERE user_id = $1`, [member.id]);
    expect(follows).toEqual([{ facet: 'topic', key: 'climate' }]);
    const [state] = await ds.query(`SELECT completed_at IS NOT NULL AS done FROM member_onboarding WHERE user_id = $1`, [member.id]);
    expect(state).toEqual({ done: true });

    // Another new member skips with JavaScript off.
    const other = await createMember(e.server);
    const page2 = await e.newPage({ javaScript: false });
    await signIn(page2, other);
    await visit(page2, '/welcome');
    await submitForm(page2, '/welcome', tr('home.onboarding.skip'));
    const [skipped] = await ds.query(`SELECT dismissed_at IS NOT NULL AS dismissed FROM member_onboarding WHERE user_id = $1`, [other.id]);
    expect(skipped).toEqual({ dismissed: true });
  });
});
