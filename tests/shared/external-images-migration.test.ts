// Issue 11, item 12: HTML stored before external images became links is sanitised once more.
import { describe, expect, it } from '@jest/globals';
import { ExternalImages1763700020000 } from '../../migrations/1763700020000-external-images.js';
import { useTestApp } from '../support/app.js';
import { createReply, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';

const OLD = '<p>Plan: <img src="https://example.org/plan.png" alt="Lageplan" /> und <img src="/uploads/a.png" /> <strong>fett</strong></p>\n';
const NEW = '<p>Plan: <a href="https://example.org/plan.png" rel="nofollow ugc noopener">Lageplan</a> und <img src="/uploads/a.png" alt="" /> <strong>fett</strong></p>\n';

describe('migration: external images in stored HTML', () => {
  const t = useTestApp();

  it('when stored posts and use-case sections show external images, then the migration turns them into links and leaves the rest', async () => {
    const thread = await createThread(t.ctx.ds);
    const reply = await createReply(t.ctx.ds, thread);
    const plain = await createReply(t.ctx.ds, thread);
    const uc = await createUseCase(t.ctx.ds);
    await t.ctx.ds.query(`UPDATE forum_threads SET body_html = $1 WHERE id = $2`, [OLD, thread.id]);
    await t.ctx.ds.query(`UPDATE forum_replies SET body_html = $1 WHERE id = $2`, [OLD, reply.id]);
    await t.ctx.ds.query(`UPDATE use_cases SET narrative_html = $1 WHERE id = $2`, [JSON.stringify({ context: OLD, results: '<p>ok</p>' }), uc.id]);
    const [before] = await t.ctx.ds.query(`SELECT body_html FROM forum_replies WHERE id = $1`, [plain.id]);

    const runner = t.ctx.ds.createQueryRunner();
    try {
      await new ExternalImages1763700020000().up(runner);
    } finally {
      await runner.release();
    }

    const [th] = await t.ctx.ds.query(`SELECT body_html FROM forum_threads WHERE id = $1`, [thread.id]);
    const [re] = await t.ctx.ds.query(`SELECT body_html FROM forum_replies WHERE id = $1`, [reply.id]);
    const [pl] = await t.ctx.ds.query(`SELECT body_html FROM forum_replies WHERE id = $1`, [plain.id]);
    const [c] = await t.ctx.ds.query(`SELECT narrative_html FROM use_cases WHERE id = $1`, [uc.id]);
    expect(th.body_html).toBe(NEW);
    expect(re.body_html).toBe(NEW);
    expect(pl.body_html).toBe(before.body_html);
    expect(c.narrative_html).toEqual({ context: NEW, results: '<p>ok</p>' });
  });
});
