// Recognition in the browser (issue 14): a member answers a question, the asker accepts the answer,
// the worker runs, and the member finds the points in their history, the badge on their profile
// and in their Kompetenzpass; they make the Kompetenzpass public, open its share link signed out,
// revoke it, and the link answers 404. Everything goes through the real pages and forms.
import { describe, expect, it } from '@jest/globals';
import { createMember, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { createCategory, createThread } from '../support/forum-factories.js';
import { uniq } from '../support/factories.js';
import { badgeByKey } from '../../src/modules/recognition/badges.definitions.js';
import { reasonLabel } from '../../src/modules/recognition/recognition.rules.js';

describe('recognition', () => {
  const e = useE2E();

  it('when an answer is accepted, then its author sees points, the badge on the profile and in the Kompetenzpass, and can share the pass by a link that stops working once revoked', async () => {
    const ds = e.server.ctx.ds;
    const asker = await createMember(e.server, 'member', { name: 'Anna Fragend' });
    const helper = await createMember(e.server, 'member', { name: 'Ben Antwortend' });
    const category = await createCategory(ds, { name: `Beteiligung ${uniq()}` });
    const thread = await createThread(ds, { category, author: asker, title: `Wie laden wir Jugendliche zum Bürgerrat ein ${uniq()}?`, tags: ['jugend'] });

    // The helper answers.
    const h = await e.newPage();
    await signIn(h, helper);
    await visit(h, thread.url);
    const answer = 'Wir haben über die Schulen eingeladen und eine Aufwandsentschädigung gezahlt.';
    await field(h, 'forum.fields.replyBody').fill(answer);
    await submitForm(h, `/forum/threads/${thread.id}/replies`, tr('forum.reply.submit'));

    // Before the acceptance: no points.
    await visit(h, '/recognition/points');
    await expect(h.locator('main').innerText()).resolves.toContain(tr('recognition.points.empty'));

    // The asker accepts the answer.
    const a = await e.newPage();
    await signIn(a, asker);
    await visit(a, thread.url);
    const reply = a.locator('.forum-reply').filter({ hasText: 'Aufwandsentschädigung' });
    await Promise.all([a.waitForEvent('load'), reply.getByRole('button', { name: tr('forum.answer.accept') }).click()]);
    await expect(a.getByRole('status').filter({ hasText: tr('forum.answer.accepted') }).count()).resolves.toBe(1);

    // The worker applies the event and checks the badges (what `npm start` does in the background).
    await e.server.drain();

    // Points with the history line naming what and for which item.
    await visit(h, '/recognition/points');
    const points = await h.locator('main').innerText();
    expect(points).toContain(tr('recognition.points.total', { points: 15 }));
    expect(points).toContain(reasonLabel('answer-accepted', 'de'));
    await expect(h.locator('main table').getByRole('link', { name: thread.title }).count()).resolves.toBe(1);

    // The badge is on the profile, for the member and for others.
    const firstAccepted = badgeByKey('first-accepted-answer')!.de.name;
    await visit(h, `/members/${helper.handle}`);
    await expect(h.locator('#recognition-heading').count()).resolves.toBe(1);
    await expect(h.locator('main').innerText()).resolves.toContain(firstAccepted);
    await visit(a, `/members/${helper.handle}`);
    await expect(a.locator('main').innerText()).resolves.toContain(firstAccepted);
    await expect(a.locator('main').innerText()).resolves.toContain(tr('recognition.points.total', { points: 15 }));
    // The member was told.
    await visit(h, '/notifications');
    await expect(h.locator('main').innerText()).resolves.toContain(firstAccepted);

    // The Kompetenzpass lists the accepted answer and the badge.
    const pass = `/members/${helper.handle}/kompetenzpass`;
    await visit(h, `/members/${helper.handle}`);
    await Promise.all([h.waitForEvent('load'), h.getByRole('link', { name: tr('recognition.pass.profileLink') }).click()]);
    expect(new URL(h.url()).pathname).toBe(pass);
    const passText = await h.locator('main').innerText();
    expect(passText).toContain(thread.title);
    expect(passText).toContain(firstAccepted);

    // Public with a share link, opened signed out.
    await h.locator('#field-visibility-public').check();
    await submitForm(h, `${pass}/visibility`, tr('recognition.pass.settings.save'));
    await submitForm(h, `${pass}/link`, tr('recognition.pass.link.create'));
    const link = new URL((await h.locator('.pass-share-url').innerText()).trim()).pathname;
    const visitor = await e.newPage();
    await visit(visitor, link);
    await expect(visitor.locator('h1').innerText()).resolves.toContain(helper.name);
    await expect(visitor.locator('main').innerText()).resolves.toContain(firstAccepted);
    // Without the link, a visitor finds nothing.
    await visit(visitor, pass, 404);

    // Revoked: the link answers 404.
    await visit(h, pass);
    await submitForm(h, `${pass}/link/delete`, tr('recognition.pass.link.revoke'));
    await visit(visitor, link, 404);
    const [row] = await ds.query(`SELECT share_token_hash FROM recognition_pass_settings WHERE user_id = $1`, [helper.id]);
    expect(row.share_token_hash).toBeNull();
  });
});
