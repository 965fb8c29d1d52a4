import { describe, expect, it } from '@jest/globals';
import { accountsModule } from '../../../src/modules/accounts/index.js';
import type { StartViewer } from '../../../src/modules/module.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, PASSWORD, uniq, type TestUser } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';

describe('onboarding: the welcome page for new members', () => {
  const t = useTestApp();

  /** The start-page block accounts adds (order 0), for this member, or null. */
  const block = async (user: TestUser) => {
    const [loader] = accountsModule.startPageBlocks!;
    const viewer = { user: { id: user.id }, lang: 'de', since: new Date() } as unknown as StartViewer;
    return loader!(t.ctx.ds, viewer);
  };
  const onboardingRow = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT completed_at IS NOT NULL AS completed, dismissed_at IS NOT NULL AS dismissed FROM member_onboarding WHERE user_id = $1`, [userId]))[0];
  const profile = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT job_title, department, languages, interests FROM users WHERE id = $1`, [userId]))[0];
  const forumFollows = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT target_type, target_id, level FROM forum_follows WHERE user_id = $1 ORDER BY target_type, target_id`, [userId]));
  const topicFollows = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT facet, key FROM use_case_topic_follows WHERE user_id = $1 ORDER BY facet, key`, [userId]));

  it('when a new member has not finished the welcome page, then the start page gets the onboarding block (order 0) and /welcome shows the three steps', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await block(user);
    expect(b).toMatchObject({ key: 'onboarding', order: 0, partial: 'accounts/onboarding-block', empty: false });
    const page = await (await signedIn(t.app, user)).get('/welcome');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="kern-heading-large">Willkommen bei Praxis</h1>');
    expect(page.text).toContain('1. Profil vervollständigen');
    expect(page.text).toContain('formaction="/welcome/skip"');
    expect(await onboardingRow(user.id)).toBeUndefined();
  });

  it('when the member completes the welcome page, then the profile is saved, follows are created through forum and use cases, and the block never returns', async () => {
    const user = await createUser(t.ctx.ds);
    const category = await createCategory(t.ctx.ds, { name: `Kategorie ${uniq()}` });
    const tag = uniq('tag');
    await createThread(t.ctx.ds, { category, tags: [tag] });
    const [{ id: tagId }] = await t.ctx.ds.query(`SELECT id FROM forum_tags WHERE name = $1`, [tag]);
    const b = await signedIn(t.app, user);
    const res = await b.post('/welcome', {
      jobTitle: 'Beteiligungsbeauftragte', department: 'Amt für Stadtentwicklung', languages: ['de', 'tr'], interests: 'mobility',
      categories: String(category.id), tags: String(tagId), topics: ['budget', 'climate'], methods: 'online-dialogue',
    }, '/welcome');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(await profile(user.id)).toEqual({ job_title: 'Beteiligungsbeauftragte', department: 'Amt für Stadtentwicklung', languages: ['de', 'tr'], interests: ['mobility'] });
    expect(await forumFollows(user.id)).toEqual([
      { target_type: 'category', target_id: category.id, level: 'watching' },
      { target_type: 'tag', target_id: tagId, level: 'watching' },
    ]);
    expect(await topicFollows(user.id)).toEqual([{ facet: 'method', key: 'online-dialogue' }, { facet: 'topic', key: 'budget' }, { facet: 'topic', key: 'climate' }]);
    expect(await onboardingRow(user.id)).toEqual({ completed: true, dismissed: false });
    expect(await block(user)).toBeNull();
    // The profile shows the languages to other members.
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    const member = await other.get(`/members/${user.handle}`);
    expect(member.text).toContain('Deutsch, Türkisch');
    expect(member.text).toContain('Mobilität und Verkehr');
  });

  it('when the member skips, then nothing of the profile changes and the block never returns, even after a later visit to /welcome', async () => {
    const user = await createUser(t.ctx.ds);
    const before = await profile(user.id);
    const b = await signedIn(t.app, user);
    const res = await b.post('/welcome/skip', { jobTitle: 'ignored' }, '/welcome');
    expect(res.status).toBe(303);
    expect(await onboardingRow(user.id)).toEqual({ completed: false, dismissed: true });
    expect(await profile(user.id)).toEqual(before);
    expect(await block(user)).toBeNull();
    const again = await b.get('/welcome');
    expect(again.text).toContain('schon abgeschlossen oder übersprungen');
    await b.post('/welcome/skip', {}, '/welcome');
    expect(await block(user)).toBeNull();
  });

  it('when the form holds an unknown topic, language or category, then 422 keeps the typed input and nothing is written', async () => {
    const user = await createUser(t.ctx.ds);
    const restricted = (await t.ctx.ds.query(`INSERT INTO forum_categories (slug, name, restricted) VALUES ($1, 'Geheim', true) RETURNING id`, [uniq('cat-')]))[0];
    const b = await signedIn(t.app, user);
    const before = await profile(user.id);
    const bads: Record<string, string>[] = [{ topics: 'no-such-topic' }, { languages: 'xx' }, { interests: 'nope' }, { categories: 'abc' }, { categories: String(restricted.id) }];
    for (const bad of bads) {
      const res = await b.post('/welcome', { jobTitle: 'Referent für <Dialog>', department: 'Amt 61', ...bad }, '/welcome');
      expect(res.status).toBe(422);
      expect(res.text).toContain('value="Referent für &lt;Dialog&gt;"');
      expect(res.text).toContain('value="Amt 61"');
    }
    expect(await profile(user.id)).toEqual(before);
    expect(await forumFollows(user.id)).toEqual([]);
    expect(await topicFollows(user.id)).toEqual([]);
    expect(await onboardingRow(user.id)).toBeUndefined();
    expect(await block(user)).not.toBeNull();
  });

  it('when a visitor opens the welcome page, then they are sent to sign in', async () => {
    const res = await (await import('supertest')).default(t.app).get('/welcome');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('when the member edits languages on /me, then they are saved and an unknown code is refused with 422', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const ok = await b.post('/me/profile', { name: 'Jana Beispiel', language: 'de', languages: ['en', 'uk'] }, '/me');
    expect(ok.status).toBe(303);
    expect((await profile(user.id)).languages).toEqual(['en', 'uk']);
    const bad = await b.post('/me/profile', { name: 'Jana Beispiel', language: 'de', languages: ['en', 'klingon'] }, '/me');
    expect(bad.status).toBe(422);
    expect((await profile(user.id)).languages).toEqual(['en', 'uk']);
  });

  it('when a member downloads their data, then languages, interests, topic follows and the onboarding state are in it; deleting the account erases them', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    await b.post('/welcome', { languages: ['de', 'pl'], interests: 'housing', topics: 'housing' }, '/welcome');
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.accounts.user).toMatchObject({ languages: ['de', 'pl'], interests: ['housing'] });
    expect(data.accounts.onboarding).toEqual({ completedAt: expect.any(String), dismissedAt: null });
    expect(data.usecases.topicFollows).toEqual([expect.objectContaining({ facet: 'topic', key: 'housing' })]);

    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete');
    expect(res.status).toBe(200);
    expect(await profile(user.id)).toEqual({ job_title: '', department: '', languages: [], interests: [] });
    expect(await onboardingRow(user.id)).toBeUndefined();
  });
});
