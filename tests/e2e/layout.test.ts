// Layout that axe cannot judge: the header fits one row at 1280 px for every role, the guide
// editor's buttons do not overlap, and every page of the app reflows at 320 px (WCAG 1.4.10).
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO, expectAccessible, setUpTwoFactor, sidewaysOverflow, signIn, signInAs, submitForm, tr, useE2E, visit } from './support/index.js';
import { getRoutes, routeMatcher } from './support/routes.js';
import { createGuide } from '../support/guides-factories.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createCourse, createQuiz } from '../support/academy-factories.js';
import { createEvent as createCoreEvent } from '../modules/events/core-factories.js';
import { createPrevote, createTopic } from '../modules/events/prevote-fixtures.js';
import { createGroup, createPublication } from '../support/groups-factories.js';
import { sha256 } from '../../src/shared/identity.js';
import { unsubscribeToken } from '../../src/modules/notifications/notification-mail.js';

interface Box { x: number; y: number; width: number; height: number; what: string }

/** Boxes of the elements matching `selector`, as laid out now. */
async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, (els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"` };
  }));
}

/** True when all boxes share one row: every box overlaps every other vertically. */
function oneRow(bs: Box[]): boolean {
  return Math.max(...bs.map((b) => b.y)) < Math.min(...bs.map((b) => b.y + b.height));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layout', () => {
  const e = useE2E({ demo: true });

  it('when a facilitator or an admin looks at the header at 1280 px, in German and English, then it is one row', async () => {
    const problems: string[] = [];
    for (const role of ['facilitator', 'admin'] as const) {
      const page = await e.newPage();
      const member = await createUser(e.server.ctx.ds, { role, name: 'Friederike Musterfrau-Beispielhaft' });
      await signIn(page, member);
      if (role === 'admin') await setUpTwoFactor(page, member);
      for (const lang of ['de', 'en'] as const) {
        await e.server.ctx.ds.query(`UPDATE users SET language = $1 WHERE id = $2`, [lang, member.id]);
        await visit(page, '/forum');
        await expect(page.locator('.site-user').getByRole('link', { name: tr('layout.admin', {}, lang) }).isVisible()).resolves.toBe(true);
        const parts = await boxes(page, '.site-header__inner > *, .site-nav li, .site-user > *');
        if (!oneRow(parts)) problems.push(`${role} (${lang}): ${parts.map((b) => `${b.what} at y=${Math.round(b.y)} x=${Math.round(b.x)} w=${Math.round(b.width)}`).join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when an English reader opens a German thread, then its title and posts are marked lang="de" in the browser, and axe finds nothing', async () => {
    const page = await e.newPage({ locale: 'en-GB' });
    const [thread] = await e.server.ctx.ds.query(
      `SELECT t.id, t.slug, t.title FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE c.is_public AND t.reply_count > 0 ORDER BY t.id LIMIT 1`);
    await visit(page, `/forum/threads/${thread.id}-${thread.slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').getAttribute('lang')).resolves.toBe('de');
    await expect(page.evaluate('document.querySelector("title").lang')).resolves.toBe('de');
    const bodies = page.locator('.forum-body');
    expect(await bodies.count()).toBeGreaterThan(1);
    for (const lang of await bodies.evaluateAll((els) => els.map((el) => el.closest('[lang]')!.getAttribute('lang')))) expect(lang).toBe('de');
    await expectAccessible(page, 'German thread on an English page');
  });

  it('when a facilitator edits a guide, then the move and remove buttons of each chapter do not overlap', async () => {
    const page = await e.newPage();
    await signInAs(page, e.server, 'facilitator');
    const guide = await createGuide(e.server.ctx.ds, { chapters: [
      { slug: 'a', title: 'Ein ziemlich langer Kapiteltitel über Beteiligungsverfahren in kleinen Kommunen', body: 'a' },
      { slug: 'b', title: 'Kurz', body: 'b' },
      { slug: 'c', title: 'Drittes Kapitel', body: 'c' },
    ] });
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `/guides/${guide.slug}/edit`);
      const items = await page.locator('.guide-editor__chapters > li').count();
      expect(items).toBe(3);
      for (let i = 0; i < items; i++) {
        const controls = await boxes(page, `.guide-editor__chapters > li:nth-child(${i + 1}) :is(a, button)`);
        expect(controls.length).toBeGreaterThanOrEqual(3);
        for (const [j, a] of controls.entries()) {
          for (const b of controls.slice(j + 1)) expect(`${width}px: ${a.what} overlaps ${b.what}: ${overlap(a, b)}`).toMatch(/: false$/);
          expect(a.width).toBeGreaterThan(40);
        }
      }
    }
  });

  it('when every GET page is opened at 320 px as visitor, member, facilitator and admin, then none scrolls sideways', async () => {
    const routes = getRoutes(e.server.app);
    const routeOf = routeMatcher(routes);
    // Not pages: data, files and redirects. Everything else must be reached by the crawl below.
    const notPages: Record<string, string> = {
      '/healthz': 'JSON', '/readyz': 'JSON', '/search/health': 'JSON', '/search/suggest': 'JSON', '/forum/similar.json': 'JSON',
      '/use-cases.csv': 'CSV', '/use-cases.json': 'JSON', '/me/export': 'JSON download', '/language/:lang': 'redirect',
      '/use-cases/:slug/edit': 'redirect to the first step', '/use-cases/:slug/attachments/:id': 'file download',
      '/academy/certificates/:id/badge.png': 'image', '/academy/badges/issuer': 'Open Badges JSON',
      '/academy/badges/classes/:slug': 'Open Badges JSON', '/academy/badges/classes/:slug/image.png': 'image',
      '/academy/badges/assertions/:id': 'Open Badges JSON', '/academy/badges/assertions/:id/badge.png': 'image', '/favicon.svg': 'image',
      '/academy/badges/classes/:slug/image.svg': 'image', '/academy/badges/assertions/:id/badge.svg': 'image',
      '/events/:id.ics': 'calendar file', '/calendar/:token.ics': 'calendar feed', '/events/:ref/participants.csv': 'CSV',
      '/events/:id/attachments/:fileId': 'file download', '/events/uid/:uid': 'redirect to the event',
      '/members/:handle/kompetenzpass/assertions.json': 'Open Badges JSON download',
      '/recognition/microdegrees/:slug/class': 'Open Badges JSON', '/recognition/microdegrees/:slug/image.svg': 'image',
      '/recognition/microdegrees/:slug/image.png': 'image',
      '/recognition/badges/:key/class': 'Open Badges JSON', '/recognition/badges/:key/image.svg': 'image', '/recognition/badges/:key/image.png': 'image',
      '/feeds/use-cases.rss': 'feed', '/feeds/use-cases.atom': 'feed', '/feeds/guides.rss': 'feed', '/feeds/guides.atom': 'feed', '/feeds/forum.rss': 'feed', '/feeds/forum.atom': 'feed', '/feeds/forum/c/:slug.rss': 'feed', '/feeds/forum/c/:slug.atom': 'feed', '/feeds/forum/tags/:tag.rss': 'feed', '/feeds/forum/tags/:tag.atom': 'feed', '/feeds/events.rss': 'feed', '/feeds/events.atom': 'feed',
      '/login/sso/:slug': 'redirect to the administration\'s provider', '/login/sso/callback': 'redirect back from the provider',
      '/login/sso/link': 'only with a sign-in from the provider pending (at 320 px in tests/e2e/sso.test.ts)',
      '/media/videos/:id/file': 'video (range requests)', '/media/videos/:id/poster.jpg': 'image', '/media/videos/:id/tracks/:kind/:file': 'WebVTT', '/media/moments/:kind/:id': 'redirect to the moment in a video',
      '/recognition/leaderboard.csv': 'CSV', '/dashboard/:section/:table.csv': 'CSV', '/recognition/assertions/:id': 'Open Badges JSON', '/recognition/assertions/:id/badge.png': 'image', '/recognition/assertions/:id/badge.svg': 'image',
    };
    const skip = (path: string) => /\.(csv|json|png|svg|pdf|ics|rss|atom)$/.test(path) || path.startsWith('/language/') || path === '/me/export'
      || /\/attachments\/\d+$/.test(path) || /^\/media\/videos\/[^/]+\/(file|poster\.jpg|tracks\/)/.test(path) || path.startsWith('/assets/') || path.startsWith('/css/') || path.startsWith('/js/');
    const visited = new Set<string>();
    const problems: string[] = [];

    async function check(page: Page, label: string) {
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) problems.push(`${label} ${new URL(page.url()).pathname}${new URL(page.url()).search}: ${overflow}px wider`);
    }

    /** Opens pages breadth-first from `start`, following links, at most `perRoute` URLs per route. */
    async function crawl(page: Page, label: string, start: string[], perRoute = 2, max = 160) {
      const counts = new Map<string, number>();
      const seen = new Set<string>();
      const queue = [...start];
      let opened = 0;
      while (queue.length && opened < max) {
        const url = queue.shift()!;
        const u = new URL(url, e.server.baseUrl);
        const key = u.pathname + u.search;
        if (seen.has(key) || skip(u.pathname)) continue;
        seen.add(key);
        const route = routeOf(u.pathname);
        if (!route) continue;
        if ((counts.get(route) ?? 0) >= perRoute) continue;
        counts.set(route, (counts.get(route) ?? 0) + 1);
        const res = await page.goto(key);
        opened++;
        if (!res || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
        visited.add(route);
        await check(page, label);
        const hrefs: string[] = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
        for (const h of hrefs) {
          const l = new URL(h);
          if (l.origin === e.server.baseUrl) queue.push(l.pathname + l.search);
        }
      }
    }

    const visitor = await e.newPage({ width: 320 });
    await crawl(visitor, 'visitor', ['/', '/guides/' + (await createGuide(e.server.ctx.ds)).slug, '/forum', '/use-cases', '/guides', '/academy', '/search?q=beteiligung', '/administrations',
      '/register', '/register/sent', '/register/confirm?token=x', '/password/forgot', '/password/reset?token=x', '/login/two-factor', '/login/verify']);
    const visitorEn = await e.newPage({ width: 320, locale: 'en-GB' });
    await crawl(visitorEn, 'visitor (en)', ['/', '/forum', '/use-cases', '/guides', '/academy', '/administrations'], 1, 40);

    const member = await e.newPage({ width: 320 });
    await signIn(member, DEMO.member);
    await crawl(member, 'member', ['/', '/me', '/notifications', '/notifications/settings', '/welcome', '/use-cases/topics', '/use-cases/mine', '/use-cases/new', '/forum/new', '/search?q=haushalt', '/academy']);
    // Attempt pages are reached through a form: a new member starts one and looks at its pages, the review and the result.
    const learner = await e.newPage({ width: 320 });
    await signInAs(learner, e.server, 'member');
    const quiz = await createQuiz(e.server.ctx.ds, { questionsPerPage: 3 });
    await createCourse(e.server.ctx.ds, [quiz.slug]);
    await visit(learner, `/academy/quizzes/${quiz.slug}`);
    await submitForm(learner, `/academy/quizzes/${quiz.slug}/attempts`, tr('academy.quiz.start'));
    const attempt = new URL(learner.url()).pathname.split('/')[3];
    await crawl(learner, 'learner', [new URL(learner.url()).pathname, `/academy/attempts/${attempt}/review`], 2, 10);
    await visit(learner, `/academy/attempts/${attempt}/review`);
    await submitForm(learner, `/academy/attempts/${attempt}/submit`, tr('academy.review.submit'));
    // A certificate (as if the course had been passed) and a comment of one's own, for their pages.
    const learnerId = (await e.server.ctx.ds.query(`SELECT id FROM users ORDER BY id DESC LIMIT 1`))[0].id;
    const [course] = await e.server.ctx.ds.query(`SELECT id FROM academy_courses ORDER BY id DESC LIMIT 1`);
    const [cert] = await e.server.ctx.ds.query(
      `INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, 'Lea Lernende') RETURNING id`, [course.id, learnerId]);
    const [uc] = await e.server.ctx.ds.query(`SELECT id, slug FROM use_cases WHERE published ORDER BY id LIMIT 1`);
    const [comment] = await e.server.ctx.ds.query(
      `INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'Danke!', '<p>Danke!</p>') RETURNING id`, [uc.id, learnerId]);
    // A badge granted by hand, for the badge pages and its verification page.
    const [grant] = await e.server.ctx.ds.query(
      `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt, grant_reason) VALUES ('badge', 'speaker', $1, 'sha256$' || repeat('0', 64), '', 'Vortrag') RETURNING id`, [learnerId]);
    await crawl(learner, 'learner', [new URL(learner.url()).pathname, '/me', '/academy', `/academy/certificates/${cert.id}`,
      `/academy/certificates/${cert.id}/verify`, `/use-cases/${uc.slug}/comments/${comment.id}/edit`, '/recognition/badges', `/recognition/assertions/${grant.id}/verify`], 2, 34);

    const facilitator = await e.newPage({ width: 320 });
    await signIn(facilitator, DEMO.facilitator);
    // Editing pages that are only linked from deep inside: seeded from the demo content.
    const [thread] = await e.server.ctx.ds.query(`SELECT id FROM forum_threads ORDER BY id LIMIT 1`);
    const { slug } = await createGuide(e.server.ctx.ds);
    const [guide] = await e.server.ctx.ds.query(
      `SELECT g.slug, c.uid, (SELECT max(id) FROM guide_revisions r WHERE r.guide_id = g.id) AS rev
         FROM guides g JOIN guide_chapters c ON c.guide_id = g.id WHERE g.slug = $1 ORDER BY c.position LIMIT 1`, [slug]);
    await crawl(facilitator, 'facilitator', [`/forum/threads/${thread.id}/promote`, `/forum/threads/${thread.id}/revisions`,
      `/guides/${guide.slug}/edit`, `/guides/${guide.slug}/chapters/new`, `/guides/${guide.slug}/chapters/${guide.uid}/edit`, `/guides/${guide.slug}/print`,
      `/guides/${guide.slug}/review`, `/guides/${guide.slug}/revisions`, `/guides/${guide.slug}/revisions/${guide.rev}`], 2, 12);
    // Training videos: a chapter's videos page and one video's page (a row as the upload leaves it, waiting for the worker).
    const [chapterRow] = await e.server.ctx.ds.query(`SELECT c.id FROM guide_chapters c JOIN guides g ON g.id = c.guide_id WHERE g.slug = $1 ORDER BY c.position LIMIT 1`, [slug]);
    const [video] = await e.server.ctx.ds.query(`INSERT INTO media_videos (chapter_id, title, status) VALUES ($1, 'Einführung', 'pending') RETURNING id`, [chapterRow.id]);
    const [firstCourse] = await e.server.ctx.ds.query(`SELECT id FROM academy_courses ORDER BY id LIMIT 1`);
    await crawl(facilitator, 'facilitator', [`/media/chapters/${chapterRow.id}`, `/media/videos/${video.id}`, `/media/courses/${firstCourse.id}`], 2, 4);
    // Timed comments: a published video with a comment of the facilitator's own (edit) and a member's (flag, hide, show), and the flags queue.
    const [published] = await e.server.ctx.ds.query(
      `INSERT INTO media_videos (chapter_id, kind, title, storage_key, content_type, status, duration_ms, published_at)
       VALUES ($1, 'upload', 'Mit Kommentaren', 'layout-comments.webm', 'video/webm', 'ready', 120000, now()) RETURNING id`, [chapterRow.id]);
    const [{ id: facilitatorId }] = await e.server.ctx.ds.query(`SELECT id FROM users WHERE email = $1`, [DEMO.facilitator.email]);
    const [ownComment, theirComment] = await e.server.ctx.ds.query(
      `INSERT INTO media_video_comments (video_id, author_id, at_ms, body, body_html)
       VALUES ($1, $2, 5000, 'Hinweis', '<p>Hinweis</p>'), ($1, $3, 65000, 'Frage zur Stelle', '<p>Frage zur Stelle</p>') RETURNING id`, [published.id, facilitatorId, learnerId]);
    await crawl(facilitator, 'facilitator', [`/media/videos/${published.id}/comments`, `/media/comments/${ownComment.id}/edit`, `/media/comments/${theirComment.id}/flag`,
      `/media/comments/${theirComment.id}/hide`, `/media/comments/${theirComment.id}/show`, '/media/comments/flags'], 2, 8);
    await crawl(facilitator, 'facilitator', ['/', '/admin', '/forum', '/forum/flags', '/forum/admin/categories', '/forum/admin/categories/new',
      '/guides', '/guides/new', '/guides/chapters/new?title=Beteiligung+im+Quartier', '/guides/review', '/academy/manage', '/academy/manage/quizzes/new', '/academy/manage/courses/new',
      '/use-cases/review', '/use-cases/flags', '/use-cases/translations', '/use-cases/potsdam-buergerhaushalt/translations',
      '/use-cases/potsdam-buergerhaushalt/translations/en', '/admin/feedback', '/dashboard', '/dashboard?period=12m']);
    // Events and working groups: the demo has none yet, so the factories make a group led by the demo facilitator,
    // a past meeting of it (pre-vote past its deadline, an agenda item) and an upcoming event without a pre-vote.
    const ds = e.server.ctx.ds;
    const [lead] = await ds.query(`SELECT id, handle FROM users WHERE email = $1`, [DEMO.facilitator.email]);
    const group = await createGroup(ds, { lead: { ...lead } as TestUser, members: [] });
    const pub = await createPublication(ds, group.id, { ...lead } as TestUser, { status: 'published' });
    const past = await createCoreEvent(ds, { groupId: group.id, startsAt: new Date(Date.now() - 3 * 86_400_000), endsAt: new Date(Date.now() - 3 * 86_400_000 + 7_200_000) });
    const pv = await createPrevote(ds, past.id, { phase: 'due' });
    await createTopic(ds, pv.id, lead.id, 'Kulturwandel');
    const [item] = await ds.query(`INSERT INTO event_agenda_items (event_id, position, title) VALUES ($1, 1, 'Kulturwandel') RETURNING id`, [past.id]);
    const upcoming = await createCoreEvent(ds, { groupId: group.id });
    await crawl(facilitator, 'facilitator', ['/events', '/events/new', '/events/calendar', '/groups', '/groups/new', `/groups/${group.slug}`,
      `/groups/${group.slug}/publications/${pub.slug}`, `/groups/${group.slug}/publications/${pub.slug}/edit`, past.path, `${past.path}/participants`,
      `${past.path}/edit`, `/events/${past.id}/prevote`, `/events/${past.id}/prevote/edit`, `/events/${upcoming.id}/prevote/new`, `/events/${past.id}/agenda/edit`,
      `/events/${past.id}/agenda/${item.id}/edit`, `/events/${past.id}/minutes`, `/events/${past.id}/minutes/revisions/1`, `/events/${past.id}/minutes/promote`,
      `/events/${past.id}/attachments`, `/events/${past.id}/outcomes`], 2, 80);

    const admin = await e.newPage({ width: 320 });
    await signInAs(admin, e.server, 'admin');
    const [{ slug: admSlug }] = await ds.query(`SELECT slug FROM administrations ORDER BY id LIMIT 1`);
    const [{ id: hookId }] = await ds.query(
      `INSERT INTO webhook_endpoints (url, description, events, secret) VALUES ('https://intranet.example/praxis-hook', 'Intranet', '{thread.created}', 'whsec_bGF5b3V0LXRlc3Qtc2VjcmV0') RETURNING id`);
    await crawl(admin, 'admin', ['/admin', '/admin/users', '/admin/audit', '/admin/approvals', '/admin/administrations', '/admin/administrations/new',
      '/me/two-factor', '/me/password', '/me/delete', '/me/tokens', '/admin/sso', `/admin/sso/configure?administration=${admSlug}`, `/admin/sso/${admSlug}`,
      '/admin/webhooks', '/admin/webhooks/new', `/admin/webhooks/${hookId}`]);
    await crawl(await e.newPage({ width: 320 }), 'visitor', ['/login/sso'], 1, 2);

    // The Kompetenzpass: the facilitator's own (page and print view), and as a visitor with a share link (its digest seeded).
    await crawl(facilitator, 'facilitator', [`/members/${lead.handle}/kompetenzpass`, `/members/${lead.handle}/kompetenzpass/print`], 2, 4);
    const shareToken = 'e2e-share-token-'.padEnd(43, 'x');
    await ds.query(`INSERT INTO recognition_pass_settings (user_id, visibility, share_token_hash) VALUES ($1, 'public', $2)
                    ON CONFLICT (user_id) DO UPDATE SET visibility = 'public', share_token_hash = EXCLUDED.share_token_hash`, [lead.id, sha256(shareToken)]);
    const sharer = await e.newPage({ width: 320 });
    await crawl(sharer, 'visitor with a share link', [`/kompetenzpass/${shareToken}`, `/kompetenzpass/${shareToken}/print`], 2, 4);
    // An e-mail's unsubscribe page, opened signed out.
    await crawl(sharer, 'visitor from an e-mail', [`/notifications/unsubscribe/${unsubscribeToken(e.server.ctx.config.sessionSecret, lead.id, 'digest')}`], 1, 1);

    // The JSON API (/api/v1) has no pages; tests/modules/api walks every one of its routes.
    const missed = routes.filter((r) => !visited.has(r) && !(r in notPages) && !r.startsWith('/api/v1/') && r !== '/api/v1');
    expect({ problems, missed }).toEqual({ problems: [], missed: [] });
  }, 600_000);
});
