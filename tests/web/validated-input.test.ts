// Handlers act on the validated form (formData), never on the raw request body: what the schema
// trims, bounds or refuses is what the service gets. (The sign-in e-mail is in accounts/sign-in.test.ts.)
import { describe, expect, it } from '@jest/globals';
import { signedIn } from '../support/agent.js';
import { useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { createThread } from '../support/forum-factories.js';
import { createGuide } from '../support/guides-factories.js';

describe('validated input, not the raw body', () => {
  const t = useTestApp();

  const auditReasons = async (threadId: number) =>
    (await t.ctx.ds.query(
      `SELECT reason FROM audit_log WHERE subject_type = 'forum_thread' AND subject_id = $1 AND action = 'forum.post.unhide' ORDER BY id`,
      [String(threadId)])).map((r: { reason: string | null }) => r.reason);
  const hidden = async (threadId: number) =>
    (await t.ctx.ds.query(`SELECT hidden_at FROM forum_threads WHERE id = $1`, [threadId]))[0].hidden_at !== null;

  it('when a facilitator shows a hidden post again with a reason, then the reason is trimmed, a blank one is none, and an overlong one is refused with nothing changed', async () => {
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const th = await createThread(t.ctx.ds);
    const hide = () => fac.post(`/forum/threads/${th.id}/hide`, { reason: 'Enthält Personendaten' });

    expect((await hide()).status).toBe(303);
    const long = await fac.post(`/forum/threads/${th.id}/unhide`, { reason: 'x'.repeat(501) });
    expect(long.status).toBe(422);
    expect(await hidden(th.id)).toBe(true);
    expect(await auditReasons(th.id)).toEqual([]);

    expect((await fac.post(`/forum/threads/${th.id}/unhide`, { reason: '  Fehlalarm, geprüft  ' })).status).toBe(303);
    expect((await hide()).status).toBe(303);
    expect((await fac.post(`/forum/threads/${th.id}/unhide`, { reason: '   ' })).status).toBe(303);
    expect(await hidden(th.id)).toBe(false);
    expect(await auditReasons(th.id)).toEqual(['Fehlalarm, geprüft', null]);
  });

  it('when a draft is approved with a malformed revision, then it is refused and the draft stays; the revision the reviewer saw still works', async () => {
    const g = await createGuide(t.ctx.ds);
    const author = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const [{ uid }] = await t.ctx.ds.query(`SELECT uid FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [g.id]);
    expect((await author.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Planung', body: 'Neue Fassung' }, `/guides/${g.slug}`)).status).toBe(303);
    const state = async () => (await t.ctx.ds.query(
      `SELECT draft_revision_id AS "draftRevisionId", published_revision_id AS "publishedRevisionId", review_state AS "reviewState"
         FROM guides WHERE id = $1`, [g.id]))[0];
    const before = await state();
    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    for (const revision of [`${before.draftRevisionId}abc`, '-1', '1e3']) {
      const res = await reviewer.post(`/guides/${g.slug}/approve`, { revision }, `/guides/${g.slug}/review`);
      expect(res.status).toBe(422);
      expect(await state()).toEqual(before);
    }
    const asked = await reviewer.post(`/guides/${g.slug}/request-changes`, { revision: 'x', reason: 'Bitte Quellen ergänzen' }, `/guides/${g.slug}/review`);
    expect(asked.status).toBe(422);
    expect(await state()).toEqual(before);

    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: ` ${before.draftRevisionId} ` }, `/guides/${g.slug}/review`)).status).toBe(303);
    expect((await state()).publishedRevisionId).toBe(before.draftRevisionId);
  });
});
