import { describe, expect, it } from '@jest/globals';
import { loadDemo } from '../../../src/boot.js';
import { parseThreadFile } from '../../../src/modules/forum/forum.demo.js';
import { useTestApp } from '../../support/app.js';

describe('forum demo content', () => {
  const t = useTestApp();

  it('when a thread file has front matter and replies, then all of them are parsed', () => {
    const parsed = parseThreadFile('---\ntitle: "Eine Frage zum Testen"\ncategory: c\nkind: question\nauthor: a\n---\nText\n\n---reply\nauthor: b\naccepted: true\nvotes: [c]\n---\nAntwort **eins**\n\n---reply\nauthor: c\nparent: 1\n---\nZwei\n');
    expect(parsed.head.title).toBe('Eine Frage zum Testen');
    expect(parsed.body).toBe('Text');
    expect(parsed.replies.map((r) => [r.head.author, r.head.accepted, r.body])).toEqual([['b', true, 'Antwort **eins**'], ['c', false, 'Zwei']]);
    expect(parsed.replies[1]!.head.parent).toBe(1);
  });

  it('when the demo is loaded twice, then 6 categories (one public) and 25 threads exist once, with accepted answers, votes and mentions', async () => {
    for (let i = 0; i < 2; i++) {
      await loadDemo(t.ctx, ['administrations', 'accounts', 'forum']);
    }
    const [c] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE is_public)::int AS public FROM forum_categories
        WHERE slug IN ('ankuendigungen', 'buergerhaushalt', 'online-beteiligung', 'recht-und-datenschutz', 'zielgruppen', 'praxis-und-methoden')`);
    expect(c).toEqual({ n: 6, public: 1 });
    const [th] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n, count(t.accepted_reply_id)::int AS accepted,
              count(*) FILTER (WHERE t.kind = 'question' AND t.accepted_reply_id IS NULL)::int AS open,
              sum(t.reply_count)::int AS replies
         FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
        WHERE c.slug IN ('ankuendigungen', 'buergerhaushalt', 'online-beteiligung', 'recht-und-datenschutz', 'zielgruppen', 'praxis-und-methoden')`);
    expect(th.n).toBe(25);
    expect(th.accepted).toBeGreaterThanOrEqual(8);
    expect(th.open).toBeGreaterThanOrEqual(4);
    const [{ counted }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS counted FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id JOIN forum_categories c ON c.id = t.category_id
        WHERE c.slug IN ('ankuendigungen', 'buergerhaushalt', 'online-beteiligung', 'recht-und-datenschutz', 'zielgruppen', 'praxis-und-methoden')`);
    expect(counted).toBe(th.replies);
    const [{ mentions }] = await t.ctx.ds.query(`SELECT count(*)::int AS mentions FROM forum_mentions m JOIN users u ON u.id = m.user_id WHERE u.email LIKE '%@%' AND u.handle IN ('hbraun', 'pschulz', 'gmaier', 'ezimmermann', 'klorenz', 'kberger')`);
    expect(mentions).toBeGreaterThan(0);
    // The announcement's dates are relative to the day of loading: always ahead, never in the past.
    const [announcement] = await t.ctx.ds.query(`SELECT body_source AS body FROM forum_threads WHERE title = 'Netzwerktreffen in Leipzig: Programm und Anmeldung'`);
    const months = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
    const dates = [...(announcement.body as string).matchAll(/(\d{1,2})\. (\p{L}+) (\d{4})/gu)]
      .map(([, d, m, y]) => new Date(Date.UTC(Number(y), months.indexOf(m!), Number(d))));
    expect(dates).toHaveLength(2);
    for (const d of dates) expect(d.getTime()).toBeGreaterThan(Date.now());
    expect(announcement.body).not.toContain('{in ');
    const [{ selfVotes }] = await t.ctx.ds.query(`SELECT count(*)::int AS "selfVotes" FROM forum_votes v JOIN forum_replies r ON r.id = v.reply_id WHERE r.author_id = v.user_id`);
    expect(selfVotes).toBe(0);
  });
});
