import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isAppError } from '../../../src/shared/errors.js';
import { MARKDOWN_MAX_CHARS } from '../../../src/shared/markdown.js';
import { extractMentions, renderPost } from '../../../src/modules/forum/forum.markdown.js';
import { useTestApp } from '../../support/app.js';
import { signedIn, type Browser } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createThread, forumState } from '../../support/forum-factories.js';

/** Historic payloads from marked's and GitLab's Markdown XSS advisories (and their usual variants). */
const PAYLOADS = [
  '[xss](javascript:alert(1))',
  '[xss](JaVaScRiPt:alert(1))',
  '[xss](javascript&colon;alert(1))',
  '[xss](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[xss](&#x6A;avascript:alert(1))',
  '[xss](<javascript:alert(1)>)',
  '[xss]( javascript:alert(1))',
  '[xss](\tjavascript:alert(1))',
  '[xss](vbscript:msgbox(1))',
  '[xss](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '![img](x" onerror="alert(1))',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[ref]\n\n[ref]: javascript:alert(1) "title"',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<details open ontoggle=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '```html"><script>alert(1)</script>\ncode\n```',
  '<a href="x" title="a" onclick="alert(1)">x</a>',
  '<span class="mention" onmouseover="alert(1)">x</span>',
  '<img src="https://example.org/x.png" onerror="alert(1)">',
  '[a](https://example.org "title\\" onmouseover=\\"alert(1)")',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '<x onxxx=alert(1)>',
  '<a href=//evil.example>x</a>',
];

/** Every tag in the HTML with its attributes: nothing may run. */
function assertInert(html: string): void {
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|iframe|object|embed|style|base|meta|form|input|svg|math)\b/i);
    const attrs = [...tag.matchAll(/\s([^\s=>"']+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((m) => ({
      name: m[1]!.toLowerCase(),
      value: (m[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#x?0*9;|&Tab;|\s/gi, '').toLowerCase(),
    }));
    for (const a of attrs) {
      expect(a.name).not.toMatch(/^on/);
      expect(a.name).not.toBe('style');
      if (['href', 'src', 'action', 'xlink:href', 'formaction'].includes(a.name)) {
        expect(a.value).not.toMatch(/^(javascript|vbscript|data):|^\/\//);
      }
    }
    if (/^<a\s/i.test(tag) && attrs.some((a) => a.name === 'href')) expect(tag).toContain('rel="nofollow ugc noopener"');
  }
}

describe('forum Markdown', () => {
  const t = useTestApp();
  // One signed-in author for the whole file (signing in hashes a password); each test has its own thread.
  let b: Browser;
  beforeAll(async () => {
    b = await signedIn(t.app, await createUser(t.ctx.ds));
  });

  it.each(PAYLOADS)('when a reply carries the payload %j, then it is stored inert or refused with a message', async (payload) => {
    const th = await createThread(t.ctx.ds);
    const before = await forumState(t.ctx.ds, th.id);
    const res = await b.post(`/forum/threads/${th.id}/replies`, { body: payload });
    expect([303, 422]).toContain(res.status);
    if (res.status === 422) {
      expect(await forumState(t.ctx.ds, th.id)).toEqual(before);
      return;
    }
    const [row] = await t.ctx.ds.query(`SELECT body_html FROM forum_replies WHERE thread_id = $1`, [th.id]);
    assertInert(row.body_html);
    const page = await b.get(th.url);
    expect(page.status).toBe(200);
  });

  it('when links are written, then they carry rel="nofollow ugc noopener" and keep http(s)/mailto', () => {
    const html = renderPost('[a](https://example.org) <https://example.com> [m](mailto:a@example.org)', new Set());
    expect((html.match(/rel="nofollow ugc noopener"/g) ?? []).length).toBe(3);
  });

  it('when the body has 20,000 characters, then it is stored; one character more is refused with a message', async () => {
    const th = await createThread(t.ctx.ds);
    const para = 'Bürgerbeteiligung braucht Zeit, Geld und eine klare Rückmeldung an die Beteiligten. ';
    const body = (para.repeat(Math.ceil(MARKDOWN_MAX_CHARS / para.length))).slice(0, MARKDOWN_MAX_CHARS - 1) + 'x';
    expect(body.length).toBe(20_000);
    expect((await b.post(`/forum/threads/${th.id}/replies`, { body })).status).toBe(303);
    const before = await forumState(t.ctx.ds, th.id);
    const res = await b.post(`/forum/threads/${th.id}/replies`, { body: body + 'y' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Der Text ist zu lang');
    expect(await forumState(t.ctx.ds, th.id)).toEqual(before);
  });

  it.each([
    ['3,000 nested quotes', '>'.repeat(3000) + ' tief'],
    ['nested quotes with spaces', Array.from({ length: 120 }, (_, i) => '> '.repeat(i + 1) + 'x').join('\n')],
    ['100 nested list levels', Array.from({ length: 100 }, (_, i) => '  '.repeat(i) + '- Ebene').join('\n')],
    ['100 nested ordered lists', Array.from({ length: 100 }, (_, i) => '   '.repeat(i) + '1. Ebene').join('\n')],
  ])('when the body has %s, then it is refused with a message, never a 500', async (_name, body) => {
    const th = await createThread(t.ctx.ds);
    const before = await forumState(t.ctx.ds, th.id);
    const res = await b.post(`/forum/threads/${th.id}/replies`, { body });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/zu tief verschachtelt|konnte nicht dargestellt werden/);
    expect(await forumState(t.ctx.ds, th.id)).toEqual(before);
  });

  it.each([
    ['50,000 asterisks', '*'.repeat(50_000)],
    ['50,000 brackets', '['.repeat(25_000) + ']('.repeat(12_000)],
    ['many emphasis runs', '_a *b _c '.repeat(8_000)],
    ['a long table', '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(10_000)],
    ['backticks', '`'.repeat(30_000)],
  ])('when the body is pathological (%s), then it is stored safely or refused — never a 500', async (_name, body) => {
    const th = await createThread(t.ctx.ds);
    const res = await b.post(`/forum/threads/${th.id}/replies`, { body });
    expect([303, 422]).toContain(res.status);
    if (res.status === 303) {
      const [row] = await t.ctx.ds.query(`SELECT body_html FROM forum_replies WHERE thread_id = $1`, [th.id]);
      assertInert(row.body_html);
    }
  });

  it('when any mix of Markdown and HTML fragments is rendered, then it is inert or a 422 refusal', () => {
    const parts = ['<', '>', '"', "'", '=', '[', ']', '(', ')', '!', 'javascript:', 'on', 'error', 'img', 'a ', 'href', 'src', 'script', '\n', '> ', '- ', '`', '&#', 'x', ':', '/'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 60 }), (arr) => {
      try {
        assertInert(renderPost(arr.join(''), new Set(['someone'])));
      } catch (e) {
        if (!isAppError(e) || e.status !== 422) throw e;
      }
    }), { numRuns: 300 });
  });

  it('when mentions appear in code, then they are not mentions', () => {
    expect(extractMentions('Hallo @anna und `@bernd` und\n```\n@carla\n```\nmail@example.org')).toEqual(['anna']);
  });
});
