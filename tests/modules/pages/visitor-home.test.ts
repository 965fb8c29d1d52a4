import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedIn } from '../../support/agent.js';
import { createApp } from '../../../src/app.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { elements, parseHtml, textOf } from '../../support/html.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createEvent } from '../events/core-factories.js';

/** The counts the figures must show, with the filters each module documents. */
const FIGURE_SQL: Record<string, string> = {
  Verwaltung: `SELECT count(*)::int AS n FROM administrations a WHERE EXISTS (SELECT 1 FROM users u WHERE u.administration_id = a.id AND u.status = 'active')`,
  Mitglied: `SELECT count(*)::int AS n FROM users WHERE status = 'active'`,
  Praxisbeispiel: `SELECT count(*)::int AS n FROM use_cases WHERE published`,
  'beantwortete Frage': `SELECT count(*)::int AS n FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
     WHERE t.kind = 'question' AND t.accepted_reply_id IS NOT NULL AND t.merged_into_id IS NULL AND t.hidden_at IS NULL AND NOT c.restricted`,
};

describe("the visitors' home page", () => {
  const t = useTestApp();
  const counts = async () => Object.fromEntries(await Promise.all(Object.entries(FIGURE_SQL).map(async ([k, sql]) => [k, (await t.ctx.ds.query(sql))[0].n as number])));

  /** The figures on the page, by label stem ("Mitglied" for "12 Mitglieder"), as numbers. */
  function figuresIn(html: string): Record<string, number> {
    const items = elements(parseHtml(html), 'li').filter((li) => (li.attribs.class ?? '').includes('network-figure'));
    return Object.fromEntries(items.map((li) => {
      const text = textOf(li).trim();
      const m = /^([\d.]+) (.+)$/.exec(text)!;
      const stem = Object.keys(FIGURE_SQL).find((k) => m[2]!.startsWith(k))!;
      return [stem, Number(m[1]!.replace(/\./g, ''))];
    }));
  }

  it('when a visitor opens /, then the figures equal what the database says for active members, published use cases and answered questions', async () => {
    // Something to count in every figure, created by this test.
    const category = await createCategory(t.ctx.ds, { isPublic: true });
    const thread = await createThread(t.ctx.ds, { category });
    const reply = await createReply(t.ctx.ds, thread);
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $1 WHERE id = $2`, [reply.id, thread.id]);
    await createUseCase(t.ctx.ds, { visibility: 'public' });

    const before = await counts();
    const res = await request(t.app).get('/');
    const after = await counts();
    expect(res.status).toBe(200);
    const shown = figuresIn(res.text);
    expect(Object.keys(shown).sort()).toEqual(Object.keys(FIGURE_SQL).sort());
    // Other test files write in parallel: the figure lies between the counts taken right before and after.
    for (const k of Object.keys(FIGURE_SQL)) {
      expect(shown[k]).toBeGreaterThanOrEqual(Math.min(before[k]!, after[k]!));
      expect(shown[k]).toBeLessThanOrEqual(Math.max(before[k]!, after[k]!));
      expect(shown[k]).toBeGreaterThan(0);
    }
    expect(res.text).toContain('href="/register"');
  });

  it('when a public and a network-only use case are published, then the recent list shows the public one and never the network-only one', async () => {
    const hidden = uniq('Nur im Netzwerk ');
    const open = uniq('Öffentlich ');
    await createUseCase(t.ctx.ds, { visibility: 'network', title: hidden });
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public', title: open });
    const res = await request(t.app).get('/');
    expect(res.text).toContain('Neue öffentliche Praxisbeispiele');
    expect(res.text).toContain(`href="/use-cases/${uc.slug}"`);
    expect(res.text).toContain(open);
    expect(res.text).not.toContain(hidden);
  });

  it('when a guide is published, then it is listed under new guides; a draft is not', async () => {
    const published = await createGuide(t.ctx.ds, { title: uniq('Leitfaden öffentlich ') });
    const draft = await createGuide(t.ctx.ds, { title: uniq('Leitfaden Entwurf '), publish: false });
    const res = await request(t.app).get('/');
    expect(res.text).toContain('Neue Leitfäden');
    expect(res.text).toContain(published.title);
    expect(res.text).not.toContain(draft.title);
  });

  it('when a public and a network-only event come up, then the public one is listed with its link and the network-only one is not', async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    const hidden = await createEvent(t.ctx.ds, { title: uniq('Netzwerktreffen '), visibility: 'network', startsAt: soon });
    const open = await createEvent(t.ctx.ds, { title: uniq('Offener Workshop '), visibility: 'public', startsAt: new Date(soon.getTime() + 60_000) });
    const res = await request(t.app).get('/');
    expect(res.text).toContain('Kommende öffentliche Veranstaltungen');
    expect(res.text).toContain(`href="${open.path}"`);
    expect(res.text).not.toContain(`href="${hidden.path}"`);
  });

  it('when a member opens / without the home module taking it, then the visitor page still renders (without the call to register)', async () => {
    // With the home module, a member gets "Mein Praxis" …
    const withHome = await signedIn(t.app, await createUser(t.ctx.ds));
    const home = await withHome.get('/');
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('Das Netzwerk heute');
    // … without it (an app built from the other modules), the visitor page.
    const handle = createApp({ ...t.ctx, modules: t.ctx.modules.filter((m) => m.name !== 'home') });
    try {
      const b = await signedIn(handle.app, await createUser(t.ctx.ds));
      const res = await b.get('/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Das Netzwerk heute');
      expect(res.text).not.toContain('Kostenlos mitmachen');
    } finally {
      handle.close();
    }
  });
});
