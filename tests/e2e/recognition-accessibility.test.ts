// axe (WCAG 2.0/2.1 A and AA plus best practices) on every page of the recognition module except
// the Kompetenzpass (tests/e2e/recognition-pass.test.ts): the leaderboards with the opt-in question
// and after answering it, the settings, the points page, the badges, a badge's page with the
// facilitators' grant form, a grant's verification page (valid and revoked), the micro-degrees, one
// with a member's progress, the facilitators' list and form; a member's profile and an
// administration's page with their recognition sections. As a visitor, a member and a facilitator,
// at 1280 px and at 320 px (400 % zoom, where no page may scroll sideways), forms also with their
// errors shown. The data is written with the test factories and the module's own services.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, elementsWithoutFocusIndicator, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { uniq } from '../support/factories.js';
import { inTransaction } from '../../src/db/transaction.js';
import { activityFact, type ActivityKind } from '../../src/shared/activity.js';
import { applyActivity } from '../../src/modules/recognition/ledger.service.js';
import { createMicrodegree, setMicrodegreeArchived } from '../../src/modules/recognition/microdegrees.service.js';


const LONG = 'Bürgerhaushalt mit Online-Dialog in einer Kleinstadt am Rand des Landkreises, mit einem Titel, der umbrechen muss';

/** Every form's error state here must answer 422. */
const FORMS_422 = { errorStatus: 422 };

describe('recognition accessibility', () => {
  const e = useE2E();

  const fx = {} as Awaited<ReturnType<typeof makeFixtures>>;
  const makeFixtures = async () => {
    const ds = e.server.ctx.ds;
    const facilitator = await createMember(e.server, 'facilitator', { name: 'Fatma Facilitatorin' });
    // Maria has points, badges and progress and has agreed to be shown; Nina has nothing and has not answered yet.
    const member = await createMember(e.server, 'member', { name: 'Maria Mitglied-Mustermann mit einem langen Doppelnamen' });
    const newcomer = await createMember(e.server, 'member', { name: 'Nina Neu' });

    const facts: [ActivityKind, string, string[]][] = [
      ['usecase.published', LONG, ['methods-formats', 'digital-tools']],
      ['forum.answer_accepted', 'Wie schreibe ich eine Einladung in Leichter Sprache?', ['accessibility-privacy']],
      ['forum.answer_accepted', 'Welche Werkzeuge eignen sich für Online-Beteiligung?', ['digital-tools']],
      ['academy.certificate', 'Grundlagen der Bürgerbeteiligung', ['competence-resources']],
    ];
    for (const [kind, title, competences] of facts) {
      await inTransaction(ds, (db) => applyActivity(db, {
        kind, fact: activityFact(kind, uniq(), member.id), holds: true, beneficiaryId: member.id, actorId: null,
        item: { type: kind.startsWith('usecase') ? 'use_case' : 'forum_reply', id: uniq(), title, url: '/use-cases' }, competences,
      }, 1));
    }
    await ds.query(`INSERT INTO recognition_preferences (user_id, leaderboard_visible, answered_at) VALUES ($1, true, now())
                    ON CONFLICT (user_id) DO UPDATE SET leaderboard_visible = true`, [member.id]);
    const grant = async (key: string, reason: string | null) => (await ds.query(
      `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt, granted_by, grant_reason)
       VALUES ('badge', $1, $2, 'sha256$' || repeat('c', 64), 'salz', $3, $4) RETURNING id`,
      [key, member.id, reason ? facilitator.id : null, reason]))[0].id as string;
    const valid = await grant('first-answer', null);
    const speaker = await grant('speaker', 'Vortrag beim Barcamp Bürgerbeteiligung');
    const revoked = await grant('first-accepted-answer', null);
    await ds.query(`UPDATE recognition_assertions SET revoked_at = now(), revoked_by = $2, revocation_reason = 'Irrtümlich vergeben' WHERE id = $1`, [revoked, facilitator.id]);

    // A micro-degree half done by Maria (a badge she holds, answers she has partly), one in English, one archived.
    const mdTitle = `Moderation digitaler Beteiligung ${uniq()}`;
    const { slug: mdSlug } = await createMicrodegree(e.server.ctx, facilitator, {
      title: mdTitle, description: 'Wer **moderiert**, hilft anderen weiter.', language: 'de',
      competences: ['methods-formats', 'digital-tools'],
      requirements: [
        { type: 'badge', key: 'first-answer' },
        { type: 'contributions', kind: 'forum.answer_accepted', count: 5, label: 'Akzeptierte Antworten im Forum' },
        { type: 'contributions', kind: 'usecase.published', count: 2 },
      ],
      rows: [1, 2, 3],
    });
    // Maria earned the English one (its grant written as the worker would); the third is archived.
    const { slug: earned } = await createMicrodegree(e.server.ctx, facilitator, {
      title: `Accessible participation ${uniq()}`, description: 'In English.', language: 'en', competences: ['accessibility-privacy'],
      requirements: [{ type: 'contributions', kind: 'forum.answer_accepted', count: 2 }], rows: [1],
    });
    await ds.query(`INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt) VALUES ('microdegree', $1, $2, 'sha256$' || repeat('d', 64), 'salz')`,
      [earned, member.id]);
    const { slug: archived } = await createMicrodegree(e.server.ctx, facilitator, {
      title: `Archivierter Abschluss ${uniq()}`, description: '', language: 'de', competences: ['digital-tools'],
      requirements: [{ type: 'contributions', kind: 'usecase.published', count: 1 }], rows: [1],
    });
    await setMicrodegreeArchived(e.server.ctx, facilitator, archived, true);
    const [adm] = await ds.query(`SELECT slug FROM administrations WHERE id = $1`, [member.administrationId]);
    return { ds, facilitator, member, newcomer, valid, speaker, revoked, md: { slug: mdSlug, title: mdTitle }, earned, archived, administration: adm.slug as string };
  };
  beforeAll(async () => { Object.assign(fx, await makeFixtures()); });

  it('when a visitor opens the leaderboards, badges, a verification page, micro-degrees and an administration at 1280 px and 320 px, then axe finds nothing and nothing scrolls sideways', async () => {
    const { valid, revoked, md, administration } = fx;
    const audit = new AxeAudit();
    const v = await TwoWidths.open(e, audit, 'visitor', undefined, 'de-DE', FORMS_422);
    await v.page('leaderboards', '/recognition');
    await v.page('badges', '/recognition/badges');
    await v.page('badge', '/recognition/badges/first-answer');
    await v.page('verification of a grant', `/recognition/assertions/${valid}/verify`);
    await v.page('verification of a revoked grant', `/recognition/assertions/${revoked}/verify`);
    await expect(v.wide.locator('main .kern-alert--danger').innerText()).resolves.toContain('Irrtümlich vergeben');
    await v.page('micro-degrees', '/recognition/microdegrees');
    await v.page('micro-degree', `/recognition/microdegrees/${md.slug}`);
    await v.page('administration with its engagement', `/administrations/${administration}`);
    await expect(v.wide.locator('#recognition-engagement-heading').count()).resolves.toBe(1);
    const en = await TwoWidths.open(e, audit, 'visitor, English', undefined, 'en-GB', FORMS_422);
    await en.page('leaderboards (English)', '/recognition');
    await expect(en.wide.locator('html').getAttribute('lang')).resolves.toBe('en');
    await en.page('micro-degree (English interface)', `/recognition/microdegrees/${md.slug}`);
    await en.page('badges (English)', '/recognition/badges');

    audit.assertClean();
    expect([...v.problems, ...en.problems]).toEqual([]);
  });

  it('when a new member sees the opt-in question on the leaderboards and the points page, answers it and opens the settings, then axe finds nothing at both widths', async () => {
    const { ds, newcomer } = fx;
    const audit = new AxeAudit();
    const n = await TwoWidths.open(e, audit, 'new member', newcomer, 'de-DE', FORMS_422);
    await n.page('leaderboards with the opt-in question', '/recognition');
    await expect(n.wide.locator('#lb-notice-heading').count()).resolves.toBe(1);
    await n.page('points, none yet, with the opt-in question', '/recognition/points');
    await expect(n.wide.locator('#lb-notice-heading').count()).resolves.toBe(1);
    await n.page('settings, unanswered', '/recognition/settings');
    // The settings form sent without a choice: 422, the message at the fieldset.
    await n.errors('settings without a choice', '/recognition/settings', '/recognition/settings');
    const [before] = await ds.query(`SELECT count(*)::int AS n FROM recognition_preferences WHERE user_id = $1`, [newcomer.id]);
    expect(before.n).toBe(0);
    // Answered from the leaderboards' question: back on /recognition, the question gone.
    await visit(n.wide, '/recognition');
    await submitForm(n.wide, '/recognition/settings', tr('recognition.leaderboards.notice.no'));
    expect(new URL(n.wide.url()).pathname).toBe('/recognition');
    await expect(n.wide.locator('#lb-notice-heading').count()).resolves.toBe(0);
    await n.page('leaderboards after answering', '/recognition');
    await n.page('settings, answered', '/recognition/settings');
    const [after] = await ds.query(`SELECT leaderboard_visible FROM recognition_preferences WHERE user_id = $1`, [newcomer.id]);
    expect(after.leaderboard_visible).toBe(false);

    audit.assertClean();
    expect(n.problems).toEqual([]);
  });

  it('when a member with points, badges and progress opens the recognition pages and their profile, then axe finds nothing at both widths', async () => {
    const { member, speaker, valid, md, earned } = fx;
    const audit = new AxeAudit();
    const m = await TwoWidths.open(e, audit, 'member', member, 'de-DE', FORMS_422);
    await m.page('leaderboards (shown on them)', '/recognition');
    await expect(m.wide.locator('main table').first().innerText()).resolves.toContain(member.name);
    await m.page('points with lines', '/recognition/points');
    expect(await m.narrow.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(4);
    await m.page('badges with own', '/recognition/badges');
    await m.page('badge held', '/recognition/badges/first-answer');
    await m.page('manual badge (member)', '/recognition/badges/speaker');
    await m.page('verification of own grant', `/recognition/assertions/${valid}/verify`);
    await m.page('verification of a manual grant', `/recognition/assertions/${speaker}/verify`);
    await m.page('micro-degrees with progress', '/recognition/microdegrees');
    await m.page('micro-degrees filtered by area', '/recognition/microdegrees?area=digital-tools');
    await m.page('micro-degree with progress', `/recognition/microdegrees/${md.slug}`);
    expect(await m.wide.locator('main progress').count()).toBeGreaterThanOrEqual(3);
    await m.page('micro-degree earned', `/recognition/microdegrees/${earned}`);
    await expect(m.wide.locator('main .kern-alert--success').count()).resolves.toBe(1);
    await m.page('own profile with badges and points', `/members/${member.handle}`);
    await expect(m.wide.locator('#recognition-heading').count()).resolves.toBe(1);
    await expect(m.wide.locator(`main a[href="/recognition/assertions/${valid}/verify"]`).count()).resolves.toBeGreaterThan(0);
    await m.page('microdegree management (refused)', '/recognition/microdegrees/manage', 403);
    // What axe cannot see: every stop on the way through with Tab shows where the focus is.
    const unfocused: string[] = [];
    for (const path of ['/recognition', '/recognition/points', '/recognition/settings', '/recognition/badges', `/recognition/microdegrees/${md.slug}`, `/members/${member.handle}`]) {
      await visit(m.wide, path);
      for (const what of await elementsWithoutFocusIndicator(m.wide, 120)) unfocused.push(`${path}: ${what}`);
    }
    expect(unfocused).toEqual([]);

    audit.assertClean();
    expect(m.problems).toEqual([]);
  });

  it('when a facilitator opens badges, grants, micro-degrees and their forms, a member profile and an administration, then axe finds nothing at both widths, forms also with errors', async () => {
    const { ds, facilitator, member, speaker, revoked, md, archived, administration } = fx;
    const audit = new AxeAudit();
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator, 'de-DE', FORMS_422);
    await f.page('leaderboards (facilitator, export links)', '/recognition');
    await expect(f.wide.locator('main a[href="/recognition/leaderboard.csv?period=month"]').count()).resolves.toBe(1);
    await f.page('badges (facilitator)', '/recognition/badges');
    await f.page('manual badge with holders and the grant form', '/recognition/badges/speaker');
    await expect(f.wide.locator('main form[action="/recognition/badges/speaker/grant"]').count()).resolves.toBe(1);
    await f.page('automatic badge with holders', '/recognition/badges/first-answer');
    await f.errors('grant form, empty', '/recognition/badges/speaker', '/recognition/badges/speaker/grant');
    await f.errors('grant form, unknown member', '/recognition/badges/speaker', '/recognition/badges/speaker/grant', async (p) => {
      await p.locator('#field-handle').fill('niemand-bekannt');
      await p.locator('#field-reason').fill('Vortrag beim Barcamp');
    });
    await expect(f.wide.locator('#field-handle-error').innerText()).resolves.toContain(tr('recognition.badges.grant.unknownMember'));
    await f.page('verification with the revoke form', `/recognition/assertions/${speaker}/verify`);
    await f.errors('revoke form without a reason', `/recognition/assertions/${speaker}/verify`, `/recognition/assertions/${speaker}/revoke`);
    await f.page('verification of a revoked grant (facilitator)', `/recognition/assertions/${revoked}/verify`);
    const [held] = await ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1 AND class_key = 'speaker' AND revoked_at IS NULL`, [member.id]);
    expect(held.n).toBe(1);

    await f.page('micro-degrees (facilitator)', '/recognition/microdegrees');
    await f.page('micro-degree (facilitator)', `/recognition/microdegrees/${md.slug}`);
    await f.page('micro-degree management', '/recognition/microdegrees/manage');
    await f.page('new micro-degree', '/recognition/microdegrees/new');
    await f.errors('new micro-degree, empty', '/recognition/microdegrees/new', '/recognition/microdegrees');
    await f.errors('new micro-degree, rows with errors', '/recognition/microdegrees/new', '/recognition/microdegrees', async (p) => {
      await p.locator('#field-title').fill('Ok');
      await p.locator('#field-type1').selectOption('badge');
      await p.locator('#field-target1').fill('gibt-es-nicht');
      await p.locator('#field-count2').fill('viele');
      await p.locator('#field-label2').fill('Ohne Art');
    });
    await f.page('edit micro-degree', `/recognition/microdegrees/${md.slug}/edit`);
    await f.page('archived micro-degree', `/recognition/microdegrees/${archived}`);
    await f.page('edit an archived micro-degree (restore)', `/recognition/microdegrees/${archived}/edit`);
    await expect(f.wide.locator('#restore-heading').count()).resolves.toBe(1);
    await f.errors('edit micro-degree with errors', `/recognition/microdegrees/${md.slug}/edit`, `/recognition/microdegrees/${md.slug}/edit`,
      async (p) => p.locator('#field-title').fill(''));
    const [kept] = await ds.query(`SELECT title FROM recognition_microdegrees WHERE slug = $1`, [md.slug]);
    expect(kept.title).toBe(md.title);

    await f.page('member profile with badges and points', `/members/${member.handle}`);
    await f.page('administration with its engagement (facilitator)', `/administrations/${administration}`);
    const unfocused: string[] = [];
    for (const path of ['/recognition/badges/speaker', `/recognition/assertions/${speaker}/verify`, '/recognition/microdegrees/manage', `/recognition/microdegrees/${md.slug}/edit`]) {
      await visit(f.wide, path);
      for (const what of await elementsWithoutFocusIndicator(f.wide, 150)) unfocused.push(`${path}: ${what}`);
    }
    expect(unfocused).toEqual([]);

    audit.assertClean();
    expect(f.problems).toEqual([]);
  });
});
