// Use-case translations (issue 18) tell people what waits for them: a text saved for review notifies
// everyone who may approve it (the case's author and editors, the facilitators) but its writer, each
// by the channel they chose for reviews; the translator hears the approval or refusal.
import { describe, expect, it } from '@jest/globals';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { addCaseEditor, createCaseWithEditor } from '../../support/usecases-factories.js';

const EN = { title: 'Participatory budget in the test town', summary: 'Residents decided on a share of the budget.' };

describe('notifications: use-case translations waiting for review and decided', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  async function setup() {
    const { adm, author, editor, uc } = await createCaseWithEditor(ds(), { editor: { language: 'en', name: 'Eddie Editor' } });
    // A second editor who wants reviews in the app only (no e-mail).
    const quiet = await createUser(ds(), { administrationId: adm.id });
    await ds().query(`INSERT INTO notification_preferences (user_id, kind_group, channel) VALUES ($1, 'review', 'app')`, [quiet.id]);
    await addCaseEditor(ds(), uc, quiet.id);
    const facilitator = await createUser(ds(), { role: 'facilitator' });
    const stranger = await createUser(ds(), { administrationId: adm.id });
    return { author, editor, quiet, facilitator, stranger, uc };
  }

  const notificationsOf = async (userId: number, ucId: number) => ds().query(
    `SELECT kind, url, actor_id AS "actorId", vars FROM notifications WHERE user_id = $1 AND subject_type = 'use_case' AND subject_id = $2 ORDER BY id`,
    [userId, String(ucId)]);
  const mailsQueued = async (userId: number) => Number((await ds().query(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = 'notifications.email' AND (payload->>'userId')::int = $1`, [userId]))[0].n);
  const pendingId = async (ucId: number) => (await ds().query(`SELECT id FROM use_case_translation_revisions WHERE use_case_id = $1 AND status = 'pending'`, [ucId]))[0].id as number;

  it('when the author saves a translation, then the editors and facilitators are notified by their chosen channel, not the author nor others', async () => {
    const { author, editor, quiet, facilitator, stranger, uc } = await setup();
    const authorB = await signedIn(t.app, author);
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN)).status).toBe(303);

    const waiting = { kind: 'usecase.translationReview', url: `/use-cases/${uc.slug}/translations/en`, actorId: author.id, vars: { contentLanguage: 'en' } };
    for (const u of [editor, quiet, facilitator]) expect(await notificationsOf(u.id, uc.id)).toEqual([waiting]);
    expect(await notificationsOf(author.id, uc.id)).toEqual([]);
    expect(await notificationsOf(stranger.id, uc.id)).toEqual([]);
    // Reviews come by e-mail by default; the member who chose the app only gets no e-mail.
    expect(await mailsQueued(editor.id)).toBe(1);
    expect(await mailsQueued(facilitator.id)).toBe(1);
    expect(await mailsQueued(quiet.id)).toBe(0);

    // The list says what and in which language, in the reader's interface language.
    const list = await (await signedIn(t.app, editor)).get('/notifications');
    expect(list.text).toContain(`${author.name} translated it into English: please review`);
    const german = await (await signedIn(t.app, quiet)).get('/notifications');
    expect(german.text).toContain(`${author.name} hat eine Übersetzung ins Englische geschrieben: bitte prüfen`);

    // A second version by the same author while the first waits: nobody is told twice.
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget, second try' })).status).toBe(303);
    expect(await notificationsOf(editor.id, uc.id)).toHaveLength(1);
    expect(await notificationsOf(facilitator.id, uc.id)).toHaveLength(1);
  });

  it('when a text replaces someone else\'s waiting text, then that person is told it waits; the decision goes to its translator', async () => {
    const { author, editor, facilitator, uc } = await setup();
    const authorB = await signedIn(t.app, author);
    const editorB = await signedIn(t.app, editor);
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN);
    // The editor writes a new version instead: the author (now a possible reviewer) hears of it.
    expect((await editorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget, by the editor' })).status).toBe(303);
    expect((await notificationsOf(author.id, uc.id)).map((n: { kind: string; actorId: number }) => [n.kind, n.actorId])).toEqual([['usecase.translationReview', editor.id]]);

    // The author refuses it: the editor is told, the author (who decided) is not.
    const refused = await authorB.post(`/use-cases/${uc.slug}/translations/en/refuse`, { revision: String(await pendingId(uc.id)), reason: 'Keep the town name in the title.' });
    expect(refused.status).toBe(303);
    const [, decision] = await notificationsOf(editor.id, uc.id);
    expect(decision).toEqual({ kind: 'usecase.translationRefused', url: `/use-cases/${uc.slug}/translations/en`, actorId: author.id, vars: { contentLanguage: 'en' } });
    expect((await editorB.get('/notifications')).text).toContain(`${author.name} refused your English translation (reason on the page)`);

    // The editor tries again; a facilitator approves: the editor is told.
    await editorB.post(`/use-cases/${uc.slug}/translations/en`, EN);
    const approved = await (await signedIn(t.app, facilitator)).post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });
    expect(approved.status).toBe(303);
    const last = (await notificationsOf(editor.id, uc.id)).at(-1);
    expect(last).toMatchObject({ kind: 'usecase.translationApproved', actorId: facilitator.id });
    expect((await editorB.get('/notifications')).text).toContain(`${facilitator.name} approved your English translation`);
    expect((await notificationsOf(facilitator.id, uc.id)).map((n: { kind: string }) => n.kind)).toEqual(['usecase.translationReview', 'usecase.translationReview']);
  });
});
