// A new guide or chapter on a given topic (?title=…), as the dashboard's knowledge gaps link it:
// the new-guide form and a guide's chapter form open with the title filled in, and
// /guides/chapters/new asks which guide the chapter goes in (a plain GET form) and forwards there.
import { describe, expect, it } from '@jest/globals';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';

/** Handlebars escapes "=" as &#x3D; and quotes as &quot;. */
const html = (text: string) => text.replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('guides: a chapter on a given topic', () => {
  const t = useTestApp();

  it('when a facilitator follows a topic to a new chapter, then they choose the guide and its chapter form has the title; the new-guide form too', async () => {
    const guide = await createGuide(t.ctx.ds, { title: `Leitfaden ${uniq()} Beteiligung` });
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const topic = 'bürgerrat <losverfahren> "kosten"';

    const start = await facilitator.get(`/guides/chapters/new?title=${encodeURIComponent(topic)}`);
    expect(start.status).toBe(200);
    expect(start.text).toContain('Thema des Kapitels: „bürgerrat &lt;losverfahren&gt; &quot;kosten&quot;“');
    expect(html(start.text)).toContain(`<input type="hidden" name="title" value="${topic.replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`);
    expect(start.text).toMatch(new RegExp(`<option value="${guide.slug}"[^>]*>${guide.title}</option>`));
    expect(html(start.text)).toContain(`href="/guides/new?title=${encodeURIComponent(topic).replace(/%20/g, '+')}"`);

    const forward = await facilitator.get(`/guides/chapters/new?title=${encodeURIComponent(topic)}&guide=${guide.slug}`);
    expect(forward.status).toBe(303);
    expect(forward.headers.location).toBe(`/guides/${guide.slug}/chapters/new?${new URLSearchParams({ title: topic })}`);
    const form = await facilitator.get(forward.headers.location!);
    expect(form.status).toBe(200);
    expect(html(form.text)).toMatch(/name="title"[^>]*value="bürgerrat &lt;losverfahren&gt; "kosten""/);

    const newGuide = await facilitator.get(`/guides/new?title=${encodeURIComponent('Bürgerräte')}`);
    expect(newGuide.status).toBe(200);
    expect(newGuide.text).toMatch(/name="title"[^>]*value="Bürgerräte"/);
  });

  it('when the guide is unknown, then the choice comes back with 422 and a message; a member cannot open it', async () => {
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await facilitator.get('/guides/chapters/new?title=x&guide=gibt-es-nicht-' + uniq());
    expect(res.status).toBe(422);
    expect(res.text).toContain('Diesen Leitfaden gibt es nicht (mehr).');
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const refused = await member.get('/guides/chapters/new?title=x');
    expect([403, 404]).toContain(refused.status);
    expect(refused.text).not.toContain('Neues Kapitel anlegen');
  });
});
