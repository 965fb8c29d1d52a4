import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { blockOf } from './support.js';

describe('start page: use-case blocks', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;
  const comment = (useCaseId: number, authorId: number, ago = '0 minutes') => ds().query(
    `INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html, created_at) VALUES ($1, $2, 'Gute Idee', '<p>Gute Idee</p>', now() - $3::interval) RETURNING id`,
    [useCaseId, authorId, ago]);

  it('when others commented on my use case since my last visit, then it is listed with the count; old, hidden and my own comments do not count', async () => {
    const me = await createUser(ds());
    const other = await createUser(ds());
    await ds().query(`UPDATE users SET created_at = now() - interval '1 day' WHERE id = $1`, [me.id]);
    const mine = await createUseCase(ds(), { administrationId: me.administrationId!, createdById: me.id, title: `Mein Fall ${uniq()}` });
    const theirs = await createUseCase(ds(), { title: `Fremder Fall ${uniq()}` });
    await comment(mine.id, other.id);
    await comment(mine.id, other.id);
    await comment(mine.id, other.id, '2 days');
    await comment(mine.id, me.id);
    const [hidden] = await comment(mine.id, other.id);
    await ds().query(`UPDATE use_case_comments SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    await comment(theirs.id, other.id);
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'usecases-comments');
    expect(block).toContain(`href="/use-cases/${mine.slug}"`);
    expect(block).toContain('2 neue Kommentare');
    expect(block).not.toContain(theirs.slug);
  });

  it('when administrations like mine published cases, then they are listed with a reason, and a big city, unpublished cases and my own administration are not', async () => {
    const state = 'HB';
    // Partner organisations: no other test makes them, and another kind never reaches the threshold.
    const mineAdm = await createAdministration(ds(), { kind: 'partner', population: 3_700, state });
    const alike = await createAdministration(ds(), { kind: 'partner', population: 4_000, state });
    const city = await createAdministration(ds(), { kind: 'partner', population: 187_000, state: 'BY' });
    const me = await createUser(ds(), { administrationId: mineAdm.id });
    const near = await createUseCase(ds(), { administrationId: alike.id });
    const far = await createUseCase(ds(), { administrationId: city.id });
    const draft = await createUseCase(ds(), { administrationId: alike.id, published: false });
    const own = await createUseCase(ds(), { administrationId: mineAdm.id });
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'usecases-like-mine');
    expect(block).toContain(`href="/use-cases/${near.slug}"`);
    expect(block).toContain('ähnliche Größe');
    expect(block).toContain('gleiches Land');
    expect(block).toContain('neu');
    for (const gone of [far, draft, own]) expect(block).not.toContain(gone.slug);
    expect(block).toContain('href="/use-cases?sort&#x3D;similar"');
  });

  it('when I have no administration, then the like-mine block says how to set it', async () => {
    const b = await signedIn(t.app, await createUser(ds(), { administrationId: null }));
    const block = blockOf((await b.get('/')).text, 'usecases-like-mine');
    expect(block).toContain('Geben Sie an, für welche Verwaltung Sie arbeiten');
  });

  it('when I follow a topic and a method, then published cases of others with them are listed, not unpublished or unrelated ones', async () => {
    const me = await createUser(ds());
    const topic = uniq('topic-');
    const method = uniq('method-');
    await ds().query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', $2), ($1, 'method', $3)`, [me.id, topic, method]);
    const byTopic = await createUseCase(ds(), { policyAreas: [topic] });
    const byMethod = await createUseCase(ds(), { methods: [method] });
    const draft = await createUseCase(ds(), { policyAreas: [topic], published: false });
    const unrelated = await createUseCase(ds(), { policyAreas: [uniq('other-')] });
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'usecases-topics');
    expect(block).toContain(byTopic.slug);
    expect(block).toContain(byMethod.slug);
    expect(block).not.toContain(draft.slug);
    expect(block).not.toContain(unrelated.slug);
  });

  it('when I follow nothing, then the topics block says how to follow one', async () => {
    const b = await signedIn(t.app, await createUser(ds()));
    expect(blockOf((await b.get('/')).text, 'usecases-topics')).toContain('Folgen Sie einem Thema oder einer Methode');
  });

  it('when a facilitator opens the start page, then the care and flag blocks are shown; a member sees neither', async () => {
    const overdue = await createUseCase(ds(), { nextReviewAt: '2001-01-01', title: `Überfällig ${uniq()}` });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const page = (await facilitator.get('/')).text;
    expect(blockOf(page, 'usecases-care')).toContain('Praxisbeispiele, die Pflege brauchen');
    expect(blockOf(page, 'forum-flags')).toContain('Offene Meldungen im Forum');
    const [{ n }] = await ds().query(`SELECT count(*)::int AS n FROM use_cases WHERE published AND next_review_at < '2001-01-01'`);
    if (n < 5) expect(blockOf(page, 'usecases-care')).toContain(overdue.slug);
    const member = await signedIn(t.app, await createUser(ds()));
    const memberPage = (await member.get('/')).text;
    expect(blockOf(memberPage, 'usecases-care')).toBe('');
    expect(blockOf(memberPage, 'forum-flags')).toBe('');
  });
});
