// The forum in the browser (issue 3): a member asks a question and is shown a similar one, another
// member answers, the asker accepts, and the thread shows as answered; then axe-core on every forum
// page, as a visitor, a member and a facilitator, with forms also in their error and preview states.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { uniq } from '../support/factories.js';
import { createCategory, createReply, createThread } from '../support/forum-factories.js';

const threadItem = (page: Page, title: string) => page.locator('.forum-thread-item').filter({ has: page.getByRole('link', { name: title, exact: true }) });

describe('forum', () => {
  const e = useE2E();

  it('when a member asks a question, then a similar one is suggested, another member answers, the asker accepts and the thread shows as answered', async () => {
    const ds = e.server.ctx.ds;
    const category = await createCategory(ds, { name: `Bürgerhaushalt ${uniq()}` });
    const token = uniq('q').replace(/[^a-z0-9]/gi, '');
    const existing = await createThread(ds, { category, title: `Wie finanzieren wir den Bürgerhaushalt ${token} im ländlichen Raum?` });
    const asker = await createMember(e.server, 'member', { name: 'Anna Fragend' });
    const helper = await createMember(e.server, 'member', { name: 'Ben Antwortend' });

    // The asker types a title: the script suggests the existing thread while they type.
    const page = await e.newPage();
    await signIn(page, asker);
    await visit(page, `/forum/new?category=${category.slug}`);
    await expect(field(page, 'forum.fields.category').inputValue()).resolves.toBe(String(category.id));
    const title = `Wie finanzieren wir einen Bürgerhaushalt ${token} im ländlichen Raum`;
    await field(page, 'forum.fields.title').pressSequentially(title.slice(0, 20));
    await field(page, 'forum.fields.title').fill(title);
    const live = page.locator('#similar-live');
    await live.getByRole('link', { name: existing.title }).waitFor();
    await expect(live.innerText()).resolves.toContain(tr('forum.similar.heading'));
    await field(page, 'forum.fields.body').fill('Unsere Kämmerei fragt, woher das Budget kommen soll. Wie habt ihr das gelöst?');
    await field(page, 'forum.fields.tags').fill('Bürgerhaushalt, Finanzen');
    await submitForm(page, '/forum/new', tr('forum.new.submit'));

    // Posted straight away: the member has already seen the suggestions.
    expect(new URL(page.url()).pathname).toMatch(/^\/forum\/threads\/\d+-/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(title);
    await expect(page.getByRole('status').filter({ hasText: tr('forum.new.created') }).count()).resolves.toBe(1);
    await expect(page.locator('.forum-badges').innerText()).resolves.toContain(tr('forum.open'));
    const threadPath = new URL(page.url()).pathname;
    const threadId = Number(threadPath.match(/^\/forum\/threads\/(\d+)-/)![1]);
    const [row] = await ds.query(`SELECT t.category_id AS "categoryId", t.kind, array(SELECT g.name FROM forum_thread_tags x JOIN forum_tags g ON g.id = x.tag_id WHERE x.thread_id = t.id ORDER BY g.name) AS tags FROM forum_threads t WHERE id = $1`, [threadId]);
    expect(row).toEqual({ categoryId: category.id, kind: 'question', tags: ['bürgerhaushalt', 'finanzen'] });

    // A second member answers.
    const other = await e.newPage();
    await signIn(other, helper);
    await visit(other, threadPath);
    await expect(other.getByRole('button', { name: tr('forum.answer.accept') }).count()).resolves.toBe(0);
    const answer = 'Wir haben 0,5 % des Haushalts im **Haushaltsplan** festgeschrieben.';
    await field(other, 'forum.fields.replyBody').fill(answer);
    await submitForm(other, `/forum/threads/${threadId}/replies`, tr('forum.reply.submit'));
    await expect(other.locator('.forum-reply').filter({ hasText: 'festgeschrieben' }).count()).resolves.toBe(1);
    await expect(other.getByRole('button', { name: tr('forum.answer.accept') }).count()).resolves.toBe(0);

    // The asker sees the answer and accepts it.
    await visit(page, threadPath);
    const reply = page.locator('.forum-reply').filter({ hasText: 'festgeschrieben' });
    await expect(reply.locator('strong').innerText()).resolves.toBe('Haushaltsplan');
    await Promise.all([page.waitForEvent('load'), reply.getByRole('button', { name: tr('forum.answer.accept') }).click()]);
    await expect(page.getByRole('status').filter({ hasText: tr('forum.answer.accepted') }).count()).resolves.toBe(1);
    await expect(page.locator('.forum-badges').innerText()).resolves.toContain(tr('forum.answered'));
    const accepted = page.locator('.forum-reply--accepted');
    await expect(accepted.innerText()).resolves.toContain(tr('forum.answer.badge'));
    await expect(accepted.innerText()).resolves.toContain('festgeschrieben');
    const [t] = await ds.query(`SELECT accepted_reply_id AS "acceptedReplyId" FROM forum_threads WHERE id = $1`, [threadId]);
    const [r] = await ds.query(`SELECT id FROM forum_replies WHERE thread_id = $1`, [threadId]);
    expect(t.acceptedReplyId).toBe(r.id);

    // Answered in the lists: the category, the tag, the latest; gone from the unanswered questions.
    for (const path of [`/forum/c/${category.slug}`, '/forum/tags/finanzen', '/forum']) {
      await visit(other, path);
      await expect(threadItem(other, title).innerText()).resolves.toContain(tr('forum.answered'));
    }
    await visit(other, `/forum/c/${category.slug}`);
    await expect(threadItem(other, existing.title).innerText()).resolves.toContain(tr('forum.open'));
    await visit(other, '/forum?view=unanswered');
    await expect(threadItem(other, title).count()).resolves.toBe(0);

    // The helper is told that the answer was accepted.
    await visit(other, '/notifications');
    await expect(other.locator('main').innerText()).resolves.toContain(tr('notifications.kind.forum.accepted'));
  });

  it('when every forum page is opened as visitor, member and facilitator, with errors, previews and the similar-questions step, then axe finds no violation', async () => {
    const ds = e.server.ctx.ds;
    const audit = new AxeAudit();
    const token = uniq('a').replace(/[^a-z0-9]/gi, '');
    const pub = await createCategory(ds, { isPublic: true, name: `Offener Bereich ${token}` });
    const closed = await createCategory(ds, { name: `Interner Bereich ${token}` });
    const member = await createMember(e.server, 'member', { name: 'Mia Mitglied' });
    const colleague = await createMember(e.server, 'member', { name: 'Carl Kollege' });
    const tag = `tag-${token}`.toLowerCase().slice(0, 30);
    const pubThread = await createThread(ds, { category: pub, title: `Öffentliche Frage zur Beteiligung ${token}`, tags: [tag], body: 'Ein **öffentlicher** Text mit [Link](https://example.org).' });
    await createReply(ds, pubThread, { author: colleague, body: 'Eine öffentliche Antwort.' });
    const thread = await createThread(ds, { category: closed, author: member, title: `Wie wertet man Bürgerhinweise ${token} aus?`, tags: [tag] });
    const own = await createReply(ds, thread, { author: member, body: 'Nachtrag: _kursiv_ und eine Liste:\n\n- eins\n- zwei' });
    const theirs = await createReply(ds, thread, { author: colleague, body: `Hallo @${member.handle}, schau mal hier.` });
    await createReply(ds, thread, { author: member, body: 'Danke!', parentId: theirs.id });
    const target = await createThread(ds, { category: closed, title: `Ein anderes Thema ${token} zum Zusammenführen` });

    // A visitor: public lists and the public thread; members-only pages are not found.
    const visitor = await e.newPage();
    for (const [label, path] of [
      ['forum (visitor)', '/forum'],
      ['unanswered (visitor)', '/forum?view=unanswered'],
      ['public category (visitor)', `/forum/c/${pub.slug}`],
      ['tag (visitor)', `/forum/tags/${tag}`],
      ['public thread (visitor)', pubThread.url],
    ]) {
      await visit(visitor, path!);
      await audit.check(visitor, label!);
    }
    await expect(visitor.getByRole('link', { name: tr('forum.signInToReply') }).count()).resolves.toBe(1);
    await visit(visitor, thread.url, 404);
    await visit(visitor, `/forum/c/${closed.slug}`, 404);

    // A member: lists, the thread, the new-thread form in each of its states, reply edit, history, flag.
    const page = await e.newPage();
    await signIn(page, member);
    for (const [label, path] of [
      ['forum (member)', '/forum'],
      ['unanswered (member)', '/forum?view=unanswered'],
      ['members-only category', `/forum/c/${closed.slug}`],
      ['tag (member)', `/forum/tags/${tag}`],
      ['thread (member)', thread.url],
      ['reply form', `/forum/threads/${thread.id}/reply?parent=${theirs.id}`],
      ['new thread (empty)', '/forum/new'],
    ]) {
      await visit(page, path!);
      await audit.check(page, label!);
    }
    await submitForm(page, '/forum/new', tr('forum.new.submit'));
    await expect(page.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(page, 'new thread with errors');
    await field(page, 'forum.fields.category').selectOption(String(closed.id));
    await field(page, 'forum.fields.title').fill(`Eine Frage mit Vorschau ${token}`);
    await field(page, 'forum.fields.body').fill('# Überschrift\n\nMit **Vorschau** und einer Liste:\n\n1. eins\n2. zwei');
    await submitForm(page, '/forum/new', tr('forum.previewButton'));
    await expect(page.locator('.prose strong').first().innerText()).resolves.toBe('Vorschau');
    await audit.check(page, 'new thread with preview');

    // The similar-questions step without JavaScript: the existing thread is offered before posting.
    const noJs = await e.newPage({ javaScript: false });
    await signIn(noJs, member);
    await visit(noJs, '/forum/new');
    await field(noJs, 'forum.fields.category').selectOption(String(closed.id));
    await field(noJs, 'forum.fields.title').fill(`Wie wertet man Bürgerhinweise ${token} richtig aus`);
    await field(noJs, 'forum.fields.body').fill('Wir bekommen Hunderte Hinweise.');
    await submitForm(noJs, '/forum/new', tr('forum.similar.check'));
    const step = noJs.locator('.forum-similar-step');
    await expect(step.getByRole('heading').innerText()).resolves.toBe(tr('forum.similar.found'));
    await step.getByRole('link', { name: thread.title }).waitFor();
    // Posting after the step publishes (the form remembers the step was seen).
    await submitForm(noJs, '/forum/new', tr('forum.new.submit'));
    expect(new URL(noJs.url()).pathname).toMatch(/^\/forum\/threads\/\d+-/);

    // Edit own reply (preview, then save), its history with a diff, and the flag form.
    await visit(page, `/forum/replies/${own.id}/edit`);
    await audit.check(page, 'reply edit');
    await field(page, 'forum.fields.body').fill('');
    await submitForm(page, `/forum/replies/${own.id}/edit`, tr('form.save'));
    await expect(page.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(page, 'reply edit with errors');
    await field(page, 'forum.fields.body').fill('Nachtrag, überarbeitet: _kursiv_ und eine Liste:\n\n- eins\n- drei');
    await submitForm(page, `/forum/replies/${own.id}/edit`, tr('forum.previewButton'));
    await audit.check(page, 'reply edit with preview');
    await submitForm(page, `/forum/replies/${own.id}/edit`, tr('form.save'));
    await visit(page, `/forum/threads/${thread.id}/revisions?reply=${own.id}`);
    await expect(page.locator('main ins').count()).resolves.toBeGreaterThan(0);
    await audit.check(page, 'reply revisions with diff');
    await visit(page, `/forum/threads/${thread.id}/revisions`);
    await audit.check(page, 'thread revisions');
    await visit(page, `/forum/threads/${thread.id}/edit`);
    await audit.check(page, 'thread edit');

    const flagger = await e.newPage();
    await signIn(flagger, colleague);
    await visit(flagger, `/forum/threads/${thread.id}/flag?reply=${own.id}`);
    await audit.check(flagger, 'flag form');
    await submitForm(flagger, `/forum/threads/${thread.id}/flag`, tr('forum.flag.submit'));
    await expect(flagger.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(flagger, 'flag form with errors');
    await field(flagger, 'forum.flag.reasonLabel').selectOption('off_topic');
    await submitForm(flagger, `/forum/threads/${thread.id}/flag`, tr('forum.flag.submit'));
    await expect(flagger.getByRole('status').filter({ hasText: tr('forum.flag.thanks') }).count()).resolves.toBe(1);

    // The colleague replies with a mention (preview first): the member is notified.
    await visit(flagger, thread.url);
    await field(flagger, 'forum.fields.replyBody').fill(`@${member.handle} hat recht, **genau so**.`);
    await submitForm(flagger, `/forum/threads/${thread.id}/replies`, tr('forum.previewButton'));
    await expect(flagger.locator('.prose strong').first().innerText()).resolves.toBe('genau so');
    await audit.check(flagger, 'reply form with preview');
    await field(flagger, 'forum.fields.replyBody').fill('');
    await submitForm(flagger, `/forum/threads/${thread.id}/replies`, tr('forum.reply.submit'));
    await expect(flagger.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(flagger, 'reply form with errors');
    await field(flagger, 'forum.fields.replyBody').fill(`@${member.handle} hat recht, **genau so**.`);
    await submitForm(flagger, `/forum/threads/${thread.id}/replies`, tr('forum.reply.submit'));
    await visit(page, '/notifications');
    await expect(page.locator('main').innerText()).resolves.toContain(tr('notifications.kind.forum.mention', { actor: colleague.name }));
    await audit.check(page, 'notifications with forum notifications');

    // A facilitator: moderation controls, flag queue, hide form, moderation forms, categories.
    const mod = await e.newPage();
    const facilitator = await createMember(e.server, 'facilitator');
    await signIn(mod, facilitator);
    await visit(mod, thread.url);
    await mod.getByRole('link', { name: tr('forum.moderation.title') }).waitFor();
    await audit.check(mod, 'thread (facilitator, moderation controls)');
    await visit(mod, '/forum/flags');
    await expect(mod.locator('main .kern-card').count()).resolves.toBeGreaterThan(0);
    await audit.check(mod, 'flag queue');
    await visit(mod, `/forum/threads/${thread.id}/hide?reply=${own.id}`);
    await audit.check(mod, 'hide form');
    await submitForm(mod, `/forum/threads/${thread.id}/hide`, tr('forum.moderation.hide'));
    await audit.check(mod, 'hide form with errors');
    await visit(mod, `/forum/threads/${thread.id}/moderate`);
    await audit.check(mod, 'moderation (move, merge)');
    await submitForm(mod, `/forum/threads/${thread.id}/merge`, tr('forum.moderation.merge'));
    await expect(mod.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(mod, 'merge with errors');
    await visit(mod, `/forum/threads/${thread.id}/moderate`);
    await mod.getByLabel(tr('forum.moderation.mergeTarget')).fill(String(target.id));
    await submitForm(mod, `/forum/threads/${thread.id}/merge`, tr('forum.moderation.merge'));
    expect(new URL(mod.url()).pathname).toBe(target.url);
    await audit.check(mod, 'merged thread');
    for (const [label, path] of [
      ['categories', '/forum/admin/categories'],
      ['new category', '/forum/admin/categories/new'],
      ['edit category', `/forum/admin/categories/${pub.id}/edit`],
    ]) {
      await visit(mod, path!);
      await audit.check(mod, label!);
    }
    await submitForm(mod, `/forum/admin/categories/${pub.id}`, tr('form.save'));
    await audit.check(mod, 'edit category (saved)');
    await visit(mod, '/forum/admin/categories/new');
    await submitForm(mod, '/forum/admin/categories', tr('form.save'));
    await expect(mod.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(mod, 'new category with errors');

    audit.assertClean();
    expect(audit.checked.length).toBeGreaterThan(35);
  });
});
