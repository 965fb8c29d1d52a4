// Account deletion, case by case: what "former member" shows, @mentions of a deleted member, the
// removal of contributions (threads others answered, replies with answers, votes, shared and solo
// use cases, adoptions), learning records and badges, and the form itself.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queueSearchIndex } from '../../../src/shared/search-index.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createCourse, createQuiz, rightAnswers, postPairs, questionsOf } from '../../support/academy-factories.js';
import { memberState } from '../../support/accounts-factories.js';
import { createAdministration, createUser, PASSWORD, uniq } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';

// Several signed-in browsers and a worker run per test: slow on a loaded two-core machine.
const SLOW_MS = 120_000;

describe('privacy: account deletion', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;
  const one = async (sql: string, params: unknown[] = []) => (await ds().query(sql, params))[0];
  const remove = async (b: Browser, contributions: 'keep' | 'remove') => {
    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions }, '/me/delete');
    expect(res.status).toBe(200);
    await t.drain();
  };

  it('when a member keeps contributions, then their posts show "former member" without the administration, on the page and in the search index', async () => {
    const adm = await createAdministration(ds(), { name: `Kleinstadt ${uniq()}` });
    const member = await createUser(ds(), { administrationId: adm.id });
    const category = await createCategory(ds(), { isPublic: true });
    const b = await signedIn(t.app, member);
    const url = (await b.post('/forum/new', {
      categoryId: String(category.id), kind: 'question', title: 'Wer hat Erfahrung mit Jugendbeteiligung?', body: 'Wir fangen gerade an.',
      action: 'post', checked: '1',
    })).headers.location!;
    const threadId = Number(url.match(/threads\/(\d+)/)![1]);
    await t.drain();
    expect((await one(`SELECT administration FROM search_documents WHERE id = $1`, [`thread:${threadId}`])).administration).toBe(adm.name);

    await remove(b, 'keep');
    const page = await request(t.app).get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('ehemaliges Mitglied');
    expect(page.text).not.toContain(adm.name);
    expect(page.text).not.toContain(member.name);
    expect(page.text).toContain('Wir fangen gerade an.');
    expect((await one(`SELECT administration FROM search_documents WHERE id = $1`, [`thread:${threadId}`])).administration).toBeNull();
    expect(await one(`SELECT administration_id, name, handle FROM users WHERE id = $1`, [member.id]))
      .toEqual({ administration_id: null, name: '', handle: `former-${member.id}` });
  }, SLOW_MS);

  it('when a mentioned member deletes the account, then other posts read "ehemaliges Mitglied" there, in their history and in search, and the handle leaves the lexicon', async () => {
    const handle = `lneu${uniq('').slice(0, 8)}`;
    const member = await createUser(ds());
    await ds().query(`UPDATE users SET handle = $2 WHERE id = $1`, [member.id, handle]);
    const author = await createUser(ds());
    const category = await createCategory(ds());
    const ab = await signedIn(t.app, author);
    const url = (await ab.post('/forum/new', {
      categoryId: String(category.id), kind: 'discussion', title: 'Danke für die Hilfe beim Haushalt', body: `Danke @${handle} für den Tipp! Und \`@${handle}\` im Code.`,
      action: 'post', checked: '1',
    })).headers.location!;
    const threadId = Number(url.match(/threads\/(\d+)/)![1]);
    await t.drain();
    expect((await ab.get(url)).text).toContain(`href="/members/${handle}"`);
    expect(await one(`SELECT word FROM search_lexicon WHERE word = $1`, [handle])).toBeDefined();

    await remove(await signedIn(t.app, { ...member, handle }), 'keep');
    const post = await one(`SELECT body_source, body_html FROM forum_threads WHERE id = $1`, [threadId]);
    // Code is left as written: it is not a mention.
    expect(post.body_source).toBe(`Danke ehemaliges Mitglied für den Tipp! Und \`@${handle}\` im Code.`);
    expect(post.body_html).not.toContain('/members/');
    expect((await ab.get(url)).text).toContain('Danke ehemaliges Mitglied für den Tipp!');
    expect(await ds().query(`SELECT 1 FROM forum_revisions WHERE thread_id = $1 AND body_source LIKE $2`, [threadId, `%@${handle} für%`])).toEqual([]);
    expect((await one(`SELECT body FROM search_documents WHERE id = $1`, [`thread:${threadId}`])).body).toContain('Danke ehemaliges Mitglied');
    expect(await ds().query(`SELECT 1 FROM forum_mentions WHERE user_id = $1`, [member.id])).toEqual([]);
    // The code span still holds it, so the word stays while that document does: remove it and the word goes.
    await ab.post(`/forum/threads/${threadId}/edit`, { title: 'Danke für die Hilfe beim Haushalt', body: 'Danke ehemaliges Mitglied für den Tipp!', tags: '' });
    await t.drain();
    expect(await one(`SELECT word FROM search_lexicon WHERE word = $1`, [handle])).toBeUndefined();
  }, SLOW_MS);

  it('when a member removes contributions, then lone threads and replies go, answered ones keep their place, votes are taken back and others\' replies stay', async () => {
    const member = await createUser(ds());
    const other = await createUser(ds());
    const category = await createCategory(ds());
    const answered = await createThread(ds(), { author: member, category, title: 'Wie wählt ihr die Losgruppe aus?', body: 'Mein Text' });
    const othersReply = await createReply(ds(), answered, { author: other, body: 'So machen wir das.' });
    const lone = await createThread(ds(), { author: member, category });
    const theirs = await createThread(ds(), { author: other, category });
    const withAnswer = await createReply(ds(), theirs, { author: member, body: 'Meine Antwort' });
    await createReply(ds(), theirs, { author: other, parentId: withAnswer.id, body: 'Danke!' });
    const alone = await createReply(ds(), theirs, { author: member, body: 'Noch etwas' });
    const voted = await createReply(ds(), theirs, { author: other, body: 'Gute Idee' });
    const b = await signedIn(t.app, member);
    await b.post(`/forum/replies/${voted.id}/vote`);
    expect((await one(`SELECT vote_count FROM forum_replies WHERE id = $1`, [voted.id])).vote_count).toBe(1);
    for (const id of [answered.id, lone.id]) await queueSearchIndex(ds().manager, 'thread', id);
    await queueSearchIndex(ds().manager, 'reply', othersReply.id);
    await t.drain();
    expect(await one(`SELECT title FROM search_documents WHERE id = $1`, [`thread:${lone.id}`])).toBeDefined();

    await remove(b, 'remove');
    expect(await one(`SELECT id FROM forum_threads WHERE id = $1`, [lone.id])).toBeUndefined();
    const shell = await one(`SELECT title, body_source, author_id, removed_at FROM forum_threads WHERE id = $1`, [answered.id]);
    expect(shell).toMatchObject({ title: 'Auf Wunsch der Autorin oder des Autors entfernt', body_source: '', author_id: member.id });
    const reader = await signedIn(t.app, other);
    const page = await reader.agent.get(`/forum/threads/${answered.id}`).redirects(1);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dieser Beitrag wurde auf Wunsch der Autorin oder des Autors entfernt.');
    expect(page.text).toContain('So machen wir das.');
    await reader.post('/language', { lang: 'en', next: '/' });
    const english = await reader.agent.get(`/forum/threads/${answered.id}`).redirects(1);
    expect(english.text).toContain('This post was removed at the author&#x27;s request.');
    expect(await one(`SELECT body_source FROM forum_replies WHERE id = $1`, [othersReply.id])).toEqual({ body_source: 'So machen wir das.' });
    expect(await one(`SELECT body_source, deleted_at IS NOT NULL AS deleted FROM forum_replies WHERE id = $1`, [withAnswer.id]))
      .toEqual({ body_source: '', deleted: true });
    expect(await one(`SELECT id FROM forum_replies WHERE id = $1`, [alone.id])).toBeUndefined();
    expect((await one(`SELECT vote_count FROM forum_replies WHERE id = $1`, [voted.id])).vote_count).toBe(0);
    expect((await one(`SELECT reply_count FROM forum_threads WHERE id = $1`, [theirs.id])).reply_count).toBe(2);
    expect(await one(`SELECT id FROM search_documents WHERE id = $1`, [`thread:${lone.id}`])).toBeUndefined();
    expect((await one(`SELECT title FROM search_documents WHERE id = $1`, [`reply:${othersReply.id}`])).title).toBe(shell.title);
  }, SLOW_MS);

  it('when a member removes contributions, then a case they wrote alone goes, a case others worked on stays, and their adoption stays without its note', async () => {
    const adm = await createAdministration(ds());
    const member = await createUser(ds(), { administrationId: adm.id });
    const solo = await createUseCase(ds(), { administrationId: adm.id, createdById: member.id });
    const shared = await createUseCase(ds(), { administrationId: adm.id, createdById: member.id });
    const someone = await createUser(ds());
    await ds().query(
      `INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'Spannend', '<p>Spannend</p>')`, [shared.id, someone.id]);
    const elsewhere = await createUseCase(ds());
    const b = await signedIn(t.app, member);
    expect((await b.post(`/use-cases/${elsewhere.slug}/adoption`, { status: 'planning', note: 'Wir planen das für 2027.' })).status).toBe(303);
    await t.drain();

    await remove(b, 'remove');
    expect(await one(`SELECT id FROM use_cases WHERE id = $1`, [solo.id])).toBeUndefined();
    expect(await one(`SELECT id FROM search_documents WHERE id = $1`, [`use_case:${solo.id}`])).toBeUndefined();
    expect(await one(`SELECT owner_id, created_by_id FROM use_cases WHERE id = $1`, [shared.id])).toEqual({ owner_id: null, created_by_id: member.id });
    expect(await one(`SELECT status, note, declared_by_id FROM use_case_adoptions WHERE use_case_id = $1`, [elsewhere.id]))
      .toEqual({ status: 'planning', note: '', declared_by_id: null });
  }, SLOW_MS);

  it('when a member deletes the account, then quiz attempts and certificates go (their pages answer 404) and the badge assertions answer 410 as revoked tombstones', async () => {
    const member = await createUser(ds());
    const quiz = await createQuiz(ds());
    const course = await createCourse(ds(), [quiz.slug]);
    const b = await signedIn(t.app, member);
    const attempt = Number((await b.post(`/academy/quizzes/${quiz.slug}/attempts`)).headers.location!.match(/attempts\/(\d+)/)![1]);
    await postPairs(b, `/academy/attempts/${attempt}/pages/1`, [...rightAnswers(await questionsOf(ds(), quiz.id)), ['nav', 'review']], `/academy/attempts/${attempt}/pages/1`);
    await b.post(`/academy/attempts/${attempt}/submit`);
    const cert = await one(`SELECT c.id, b.id AS badge FROM academy_certificates c JOIN academy_badge_assertions b ON b.certificate_id = c.id
                             WHERE c.user_id = $1 AND c.course_id = $2`, [member.id, course.id]);
    expect((await request(t.app).get(`/academy/badges/assertions/${cert.badge}`)).status).toBe(200);

    await remove(b, 'keep');
    expect(await ds().query(`SELECT 1 FROM academy_attempts WHERE user_id = $1`, [member.id])).toEqual([]);
    expect(await ds().query(`SELECT 1 FROM academy_attempt_answers WHERE attempt_id = $1`, [attempt])).toEqual([]);
    const gone = await request(t.app).get(`/academy/badges/assertions/${cert.badge}`);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text)).toMatchObject({ revoked: true });
    expect(await one(`SELECT user_id, certificate_id, salt FROM academy_badge_assertions WHERE id = $1`, [cert.badge])).toEqual({ user_id: null, certificate_id: null, salt: '' });
    expect((await request(t.app).get(`/academy/certificates/${cert.id}/verify`)).status).toBe(404);
  }, SLOW_MS);

  it('when the deletion page is shown, then it offers both choices with "keep" selected; an unknown choice is refused with 422 and nothing changes', async () => {
    const member = await createUser(ds());
    const b = await signedIn(t.app, member);
    const page = await b.get('/me/delete');
    expect(page.text).toMatch(/id="field-contributions-keep"[^>]* checked/);
    expect(page.text).toContain('Beiträge entfernen');
    const before = await memberState(ds(), member.id);
    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'some' }, '/me/delete');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-contributions-error"');
    expect(await memberState(ds(), member.id)).toEqual(before);
  }, SLOW_MS);

  it('when someone registers a handle starting with "former-", then 422 with a message and nothing is stored', async () => {
    const adm = await createAdministration(ds());
    const email = `${uniq('r')}@${adm.domain}`;
    const res = await new Browser(t.app).post('/register', {
      name: 'Franz Former', handle: 'former-99999', email, password: PASSWORD, language: 'de', consent: 'yes',
    }, '/register');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Benutzernamen, die mit „former-“ beginnen, sind für gelöschte Konten reserviert.');
    expect(res.text).toContain('value="former-99999"');
    expect(await ds().query(`SELECT 1 FROM users WHERE email = $1`, [email])).toEqual([]);
  }, SLOW_MS);
});
