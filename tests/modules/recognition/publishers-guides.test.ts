// The guides' activity fact end to end: a chapter's author earns when a reviewer first publishes
// it, loses it when the chapter is removed from the published guide or the guide is archived; the
// backfill covers chapters published before (or by the content files' import with a member author).
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { approveDraft, archiveGuide, removeChapter, saveChapter } from '../../../src/modules/guides/guides.service.js';
import { replayHistory } from '../../../src/modules/recognition/ledger.service.js';

const t = useTestApp();

const total = async (u: { id: number }) =>
  Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [u.id]))[0].s);
const facilitator = () => createUser(t.ctx.ds, { role: 'facilitator' });
const chapter = (title: string) => ({ title, slug: '', body: `${title}: so geht es.`, message: 'Neues Kapitel' });

describe('guides activity', () => {
  it('when a new chapter is approved, then its author gets 20 (once, also after later edits); removed from the guide, it is reversed', async () => {
    const [writer, reviewer] = [await facilitator(), await facilitator()];
    const guide = await createGuide(t.ctx.ds, { tags: ['leitlinien'] });
    const uid = await saveChapter(t.ctx, writer, guide.slug, null, chapter('Verankerung im Rat'));
    await t.drain();
    expect(await total(writer)).toBe(0);

    await approveDraft(t.ctx, reviewer, guide.slug, undefined, '');
    await t.drain();
    expect(await total(writer)).toBe(20);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, url, competences, actor_id FROM recognition_facts WHERE fact = $1`, [`guide.chapter_published:${guide.id}:${uid}`]);
    expect(fact).toEqual({ item_type: 'guide_chapter', url: `/guides/${guide.slug}/verankerung-im-rat`, competences: ['quality-success', 'culture-anchoring'], actor_id: reviewer.id });

    // Edited by someone else and published again: still one award.
    await saveChapter(t.ctx, await facilitator(), guide.slug, uid, { ...chapter('Verankerung im Rat'), body: 'Neuer Text.' });
    await approveDraft(t.ctx, reviewer, guide.slug, undefined, '');
    await t.drain();
    expect(await total(writer)).toBe(20);

    await removeChapter(t.ctx, writer, guide.slug, uid);
    await approveDraft(t.ctx, reviewer, guide.slug, undefined, '');
    await t.drain();
    expect(await total(writer)).toBe(0);
  });

  it('when chapters were published before recognition ran, then the backfill credits their author; archiving the guide reverses it', async () => {
    const author = await facilitator();
    // Written straight through the store like the demo data and content import: nothing published.
    const guide = await createGuide(t.ctx.ds, { authorId: author.id });
    expect(await total(author)).toBe(0);
    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [author.id] });
    expect(await total(author)).toBe(3 * 20);

    await archiveGuide(t.ctx, await facilitator(), guide.slug);
    await t.drain();
    expect(await total(author)).toBe(0);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_facts WHERE user_id = $1 AND holds`, [author.id]);
    expect(n).toBe(0);
  });
});
