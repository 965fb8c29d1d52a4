// HTML requires a required <select> (single choice, no size) to start with an empty placeholder
// option (Nu checker: "The first child option element of a select element with a required attribute,
// and without a multiple attribute, and without a size attribute whose value is greater than 1,
// must have either an empty value attribute, or must have no text content"). Every form page is
// scanned for required selects; a preselected value must stay selected. Every select also sits in
// KERN's select wrapper, which draws it as a control (border, arrow, focus ring).
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../support/app.js';
import { signedIn, type Browser } from '../support/agent.js';
import { createUser } from '../support/factories.js';
import { createCategory, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { createGuide } from '../support/guides-factories.js';
import { elements, parseHtml, textOf, type Element } from '../support/html.js';
import { generateTotpSecret } from '../../src/shared/totp.js';

const options = (select: Element) => elements(select, 'option');
const selected = (select: Element) => options(select).find((o) => o.attribs.selected !== undefined)?.attribs.value ?? null;

function hasWrapper(el: Element): boolean {
  for (let n = el.parent as Element | null; n && 'attribs' in n; n = n.parent as Element | null) {
    if ((n.attribs.class ?? '').split(/\s+/).includes('kern-form-input__select-wrapper')) return true;
  }
  return false;
}

/** Problems with the selects on `path`, and the selects by name. */
async function scan(b: Browser, path: string) {
  const res = await b.get(path);
  expect(`${path} ${res.status}`).toBe(`${path} 200`);
  const selects = elements(parseHtml(res.text), 'select');
  const problems: string[] = [];
  for (const s of selects) {
    const first = options(s)[0];
    if (!hasWrapper(s)) problems.push(`${path}: select ${s.attribs.name} is not in a .kern-form-input__select-wrapper`);
    if (s.attribs.required === undefined || s.attribs.multiple !== undefined) continue;
    if (!first || first.attribs.value !== '' || first.parent !== s) problems.push(`${path}: required select ${s.attribs.name} starts with ${first ? `"${first.attribs.value}"` : 'nothing'}`);
    else if (!textOf(first).trim()) problems.push(`${path}: required select ${s.attribs.name} has a placeholder without text`);
  }
  return { problems, required: selects.filter((s) => s.attribs.required !== undefined), byName: new Map(selects.map((s) => [s.attribs.name!, s])) };
}

describe('required selects', () => {
  const t = useTestApp();

  it('when any form with a required select is shown, then its first option is an empty placeholder and preselected values stay selected', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator', language: 'en' });
    const thread = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds) });
    const guide = await createGuide(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: facilitator.administrationId!, createdById: facilitator.id });
    const b = await signedIn(t.app, facilitator);
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret: generateTotpSecret() });
    const a = await signedIn(t.app, { ...admin, totpSecret: (await t.ctx.ds.query(`SELECT totp_secret FROM users WHERE id = $1`, [admin.id]))[0].totp_secret });

    const problems: string[] = [];
    let requiredCount = 0;
    const pages: [Browser, string][] = [
      [b, '/forum/new'], [b, '/me'], [b, `/use-cases/${uc.slug}/edit/core`], [b, `/use-cases/${uc.slug}/edit/details`], [b, `/use-cases/${uc.slug}`],
      [b, '/academy/manage/quizzes/new'], [b, '/academy/manage/courses/new'], [b, '/guides/new'], [b, `/guides/${guide.slug}/edit`],
      [b, `/forum/threads/${thread.id}/moderate`], [b, `/forum/threads/${thread.id}/promote`], [b, `/forum/threads/${thread.id}/flag`],
      [b, thread.url], [a, '/admin/administrations/new'], [a, '/admin/users'],
    ];
    for (const [who, path] of pages) {
      const r = await scan(who, path);
      problems.push(...r.problems);
      requiredCount += r.required.length;
    }
    expect(problems).toEqual([]);
    expect(requiredCount).toBeGreaterThanOrEqual(12);

    // Values the form offers preselected are still selected behind the placeholder.
    expect(selected((await scan(b, '/forum/new')).byName.get('kind')!)).toBe('question');
    expect(selected((await scan(b, '/me')).byName.get('language')!)).toBe('en');
    expect(selected((await scan(b, `/use-cases/${uc.slug}/edit/details`)).byName.get('language')!)).toBe('de');
    expect(selected((await scan(b, '/academy/manage/quizzes/new')).byName.get('feedbackPolicy')!)).toBe('after_attempt');
    expect(selected((await scan(b, '/academy/manage/courses/new')).byName.get('language')!)).toBe('de');
  });
});
