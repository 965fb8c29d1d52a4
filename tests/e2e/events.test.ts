// Events in the browser (issue 13): a facilitator creates a workshop with one place and opens a
// topic pre-vote; two members propose topics and give dots; the vote closes; the facilitator turns
// the top topic into the agenda; member A registers and takes the .ics home; member B lands on the
// waiting list and moves up when A withdraws. Everything goes through the real pages and forms.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import ICAL from 'ical.js';
import { createMember, field, follow, signIn, submitForm, tr, useE2E, visit } from './support/index.js';

/** A datetime-local value (Berlin wall time is what the form expects; the day is far enough away for any offset). */
const local = (daysFromNow: number, hour: number) => {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
};
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
const idFromUrl = (page: Page) => Number(/^\/events\/(\d+)/.exec(new URL(page.url()).pathname)![1]);

describe('events', () => {
  const e = useE2E();

  it('when a facilitator plans a workshop with a pre-vote, then members propose and vote, the agenda comes from the ranking, and the waiting list moves up on a withdrawal', async () => {
    const ds = e.server.ctx.ds;
    const facilitator = await createMember(e.server, 'facilitator');
    const memberA = await createMember(e.server, 'member', { name: 'Anna Anmeldung' });
    const memberB = await createMember(e.server, 'member', { name: 'Bernd Warteliste' });
    const title = `Workshop Beteiligung ${Date.now()}`;

    // ---- the facilitator creates the event (one place) ----
    const f = await e.newPage();
    await signIn(f, facilitator);
    await visit(f, '/events');
    await follow(f, f.getByRole('link', { name: tr('events.list.create') }));
    expect(new URL(f.url()).pathname).toBe('/events/new');
    await field(f, 'events.fields.title').fill(title);
    await field(f, 'events.fields.kind').selectOption('workshop');
    await field(f, 'events.fields.format').selectOption('in_person');
    await field(f, 'events.fields.description').fill('Wir vertiefen die Themen, die **Sie** vorab wählen.');
    await field(f, 'events.fields.startsAt').fill(local(30, 10));
    await field(f, 'events.fields.endsAt').fill(local(30, 15));
    await field(f, 'events.fields.place').fill('Rathaus, Marktplatz 1, Erfurt');
    await field(f, 'events.fields.capacity').fill('1');
    await submitForm(f, '/events', tr('form.save'));
    expect(new URL(f.url()).pathname).toMatch(/^\/events\/\d+-/);
    await expect(heading(f)).resolves.toBe(title);
    const eventId = idFromUrl(f);
    const eventPath = new URL(f.url()).pathname;
    const [ev] = await ds.query(`SELECT capacity, kind, format, uid FROM events WHERE id = $1`, [eventId]);
    expect(ev).toMatchObject({ capacity: 1, kind: 'workshop', format: 'in_person' });

    // ---- and opens the pre-vote from the event page ----
    await follow(f, f.getByRole('link', { name: tr('prevote.summary.open') }));
    expect(new URL(f.url()).pathname).toBe(`/events/${eventId}/prevote/new`);
    await field(f, 'prevote.form.question').fill('Welche Themen sollen wir im Workshop vertiefen?');
    await field(f, 'prevote.form.proposalsCloseAt').fill(local(10, 12));
    await field(f, 'prevote.form.closesAt').fill(local(20, 12));
    await field(f, 'prevote.form.votesPerPerson').fill('3');
    await field(f, 'prevote.form.maxPerTopic').fill('2');
    await field(f, 'prevote.form.proposers').selectOption('network');
    await submitForm(f, `/events/${eventId}/prevote/new`, tr('form.save'));
    expect(new URL(f.url()).pathname).toBe(`/events/${eventId}/prevote`);
    await expect(f.getByRole('status').filter({ hasText: tr('prevote.form.opened') }).isVisible()).resolves.toBe(true);

    // ---- two members propose a topic each and give their dots ----
    const a = await e.newPage();
    await signIn(a, memberA);
    const b = await e.newPage();
    await signIn(b, memberB);
    const topics: Record<string, string> = { a: 'Jugendbeteiligung verstetigen', b: 'Online-Beteiligung barrierefrei' };
    for (const [page, topic] of [[a, topics.a], [b, topics.b]] as const) {
      await visit(page, eventPath);
      await follow(page, page.getByRole('link', { name: tr('prevote.summary.takePart') }));
      await field(page, 'prevote.propose.title').fill(topic);
      await field(page, 'prevote.propose.description').fill(`Darüber möchten wir sprechen: ${topic}.`);
      await submitForm(page, `/events/${eventId}/prevote/topics`, tr('prevote.propose.submit'));
      await expect(page.getByRole('status').filter({ hasText: tr('prevote.propose.done') }).isVisible()).resolves.toBe(true);
    }
    const topicRows: { id: number; title: string }[] = await ds.query(
      `SELECT t.id, t.title FROM prevote_topics t JOIN prevotes p ON p.id = t.prevote_id WHERE p.event_id = $1 ORDER BY t.id`, [eventId]);
    const idOf = (t: string) => topicRows.find((r) => r.title === t)!.id;
    expect(topicRows.map((r) => r.title).sort()).toEqual([topics.a, topics.b].sort());

    // A: two dots on B's topic, one on her own. B: two dots on his own topic.
    await visit(a, `/events/${eventId}/prevote`);
    await a.getByRole('combobox', { name: topics.b, exact: true }).selectOption('2');
    await a.getByRole('combobox', { name: topics.a, exact: true }).selectOption('1');
    await submitForm(a, `/events/${eventId}/prevote/votes`, tr('prevote.vote.submit'));
    await expect(a.getByRole('status').filter({ hasText: tr('prevote.vote.saved') }).isVisible()).resolves.toBe(true);
    await visit(b, `/events/${eventId}/prevote`);
    await b.getByRole('combobox', { name: topics.b, exact: true }).selectOption('2');
    await submitForm(b, `/events/${eventId}/prevote/votes`, tr('prevote.vote.submit'));
    await expect(b.getByRole('status').filter({ hasText: tr('prevote.vote.saved') }).isVisible()).resolves.toBe(true);
    // Interim counts stay hidden while the vote runs.
    await expect(b.getByText(tr('prevote.results.hidden')).isVisible()).resolves.toBe(true);
    const dots: { topic_id: number; dots: number }[] = await ds.query(
      `SELECT v.topic_id, sum(v.dots)::int AS dots FROM prevote_votes v WHERE v.topic_id = ANY($1) GROUP BY v.topic_id`, [topicRows.map((r) => r.id)]);
    expect(Object.fromEntries(dots.map((d) => [d.topic_id, d.dots]))).toEqual({ [idOf(topics.a)]: 1, [idOf(topics.b)]: 4 });

    // ---- the vote closes ----
    // Nobody can wait out a deadline in a test: move both deadlines into the past in the database (the only
    // shortcut besides the factories). No worker runs here, so the next page load closes the vote lazily.
    await ds.query(`UPDATE prevotes SET proposals_close_at = now() - interval '2 minutes', closes_at = now() - interval '1 minute' WHERE event_id = $1`, [eventId]);
    await visit(f, `/events/${eventId}/prevote`);
    await expect(f.getByRole('heading', { level: 2, name: tr('prevote.results.heading') }).isVisible()).resolves.toBe(true);
    const firstRow = f.locator('#results tbody tr').first();
    await expect(firstRow.getAttribute('data-topic')).resolves.toBe(String(idOf(topics.b)));
    const [closed] = await ds.query(`SELECT closed_at IS NOT NULL AS closed FROM prevotes WHERE event_id = $1`, [eventId]);
    expect(closed.closed).toBe(true);

    // ---- the facilitator builds the agenda from the top topic ----
    await follow(f, f.getByRole('link', { name: tr('prevote.agenda.editLink') }));
    expect(new URL(f.url()).pathname).toBe(`/events/${eventId}/agenda/edit`);
    await submitForm(f, `/events/${eventId}/agenda/from-topic`, `${tr('prevote.agenda.addTopic')} – ${topics.b}`);
    await expect(f.getByRole('status').filter({ hasText: tr('prevote.agenda.added') }).isVisible()).resolves.toBe(true);
    const items: { title: string }[] = await ds.query(`SELECT title FROM event_agenda_items WHERE event_id = $1 ORDER BY position`, [eventId]);
    expect(items.map((i) => i.title)).toEqual([topics.b]);

    // ---- the agenda on the event page; A registers and takes the .ics ----
    await visit(a, eventPath);
    const agenda = a.locator('section.events-agenda');
    await expect(agenda.getByRole('heading', { level: 3 }).innerText()).resolves.toContain(topics.b);
    await expect(agenda.getByText(memberB.name).count()).resolves.toBeGreaterThan(0);
    await submitForm(a, `${eventPath}/register`, tr('events.register.submit'));
    await expect(a.getByText(tr('events.register.youAreRegistered'), { exact: true }).last().isVisible()).resolves.toBe(true);

    const icsHref = await a.getByRole('link', { name: tr('events.show.ics') }).getAttribute('href');
    const ics = await a.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, icsHref!);
    expect(ics.status).toBe(200);
    expect(ics.type).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(ics.text));
    const [vevent] = cal.getAllSubcomponents('vevent');
    const icsEvent = new ICAL.Event(vevent!);
    expect(icsEvent.summary).toBe(title);
    expect(icsEvent.uid).toBe(ev.uid);
    const [times] = await ds.query(`SELECT starts_at FROM events WHERE id = $1`, [eventId]);
    expect(icsEvent.startDate.toJSDate().getTime()).toBe(new Date(times.starts_at).getTime());

    // ---- the event is full: B goes on the waiting list ----
    await visit(b, eventPath);
    await submitForm(b, `${eventPath}/register`, tr('events.register.submitWaiting'));
    await expect(b.getByRole('status').filter({ hasText: tr('events.register.waiting') }).isVisible()).resolves.toBe(true);
    await expect(b.getByText(tr('events.register.youAreWaiting'), { exact: true }).isVisible()).resolves.toBe(true);

    // ---- A withdraws; B moves up and is told ----
    await visit(a, eventPath);
    await submitForm(a, `${eventPath}/unregister`, tr('events.register.withdraw'));
    await expect(a.getByRole('status').filter({ hasText: tr('events.register.withdrawn') }).isVisible()).resolves.toBe(true);
    const regs: { user_id: number; status: string }[] = await ds.query(
      `SELECT user_id, status FROM event_registrations WHERE event_id = $1 ORDER BY id`, [eventId]);
    expect(regs.find((r) => r.user_id === memberB.id)?.status).toBe('registered');
    expect(regs.find((r) => r.user_id === memberA.id)?.status).not.toBe('registered');

    await visit(b, eventPath);
    await expect(b.getByText(tr('events.register.youAreRegistered'), { exact: true }).last().isVisible()).resolves.toBe(true);
    await visit(b, '/notifications');
    const note = b.locator('.notification').filter({ hasText: tr('notifications.kind.event.promoted') });
    await expect(note.getByRole('link', { name: title }).isVisible()).resolves.toBe(true);
    const mails = await e.server.mailsTo(memberB.email);
    expect(mails.some((m) => m.text.includes(eventPath))).toBe(true);
  });

  it('when JavaScript is off, then the event form, the pre-vote, the dot vote and registration with the waiting list all work as plain forms', async () => {
    const ds = e.server.ctx.ds;
    const facilitator = await createMember(e.server, 'facilitator');
    const first = await createMember(e.server, 'member');
    const second = await createMember(e.server, 'member');
    const title = `Meetup ohne Skript ${Date.now()}`;

    const f = await e.newPage({ javaScript: false });
    await signIn(f, facilitator);
    await visit(f, '/events/new');
    // Sent empty first: the form comes back with its errors, the heading intact.
    await submitForm(f, '/events', tr('form.save'));
    await expect(f.locator('#error-summary').isVisible()).resolves.toBe(true);
    await expect(heading(f)).resolves.toBe(tr('events.form.newTitle'));
    await field(f, 'events.fields.title').fill(title);
    await field(f, 'events.fields.kind').selectOption('meetup');
    await field(f, 'events.fields.format').selectOption('in_person');
    await field(f, 'events.fields.startsAt').fill(local(40, 18));
    await field(f, 'events.fields.endsAt').fill(local(40, 20));
    await field(f, 'events.fields.place').fill('Stadtbibliothek, Saal 2');
    await field(f, 'events.fields.capacity').fill('1');
    await submitForm(f, '/events', tr('form.save'));
    await expect(heading(f)).resolves.toBe(title);
    const eventId = idFromUrl(f);
    const eventPath = new URL(f.url()).pathname;
    await visit(f, `/events/${eventId}/prevote/new`);
    await field(f, 'prevote.form.question').fill('Worüber sprechen wir?');
    await field(f, 'prevote.form.proposalsCloseAt').fill(local(10, 12));
    await field(f, 'prevote.form.closesAt').fill(local(20, 12));
    await field(f, 'prevote.form.votesPerPerson').fill('3');
    await field(f, 'prevote.form.maxPerTopic').fill('2');
    await submitForm(f, `/events/${eventId}/prevote/new`, tr('form.save'));
    expect(new URL(f.url()).pathname).toBe(`/events/${eventId}/prevote`);

    // The first member proposes a topic, gives two dots, then moves them down to one.
    const a = await e.newPage({ javaScript: false });
    await signIn(a, first);
    await visit(a, `/events/${eventId}/prevote`);
    await field(a, 'prevote.propose.title').fill('Ehrenamt einbinden');
    await submitForm(a, `/events/${eventId}/prevote/topics`, tr('prevote.propose.submit'));
    await expect(a.getByRole('status').filter({ hasText: tr('prevote.propose.done') }).isVisible()).resolves.toBe(true);
    const dotsSelect = a.getByRole('combobox', { name: 'Ehrenamt einbinden', exact: true });
    await dotsSelect.selectOption('2');
    await submitForm(a, `/events/${eventId}/prevote/votes`, tr('prevote.vote.submit'));
    await expect(a.getByRole('status').filter({ hasText: tr('prevote.vote.saved') }).isVisible()).resolves.toBe(true);
    await expect(dotsSelect.inputValue()).resolves.toBe('2');
    await dotsSelect.selectOption('1');
    await submitForm(a, `/events/${eventId}/prevote/votes`, tr('prevote.vote.submit'));
    const votes = await ds.query(`SELECT v.dots FROM prevote_votes v JOIN prevotes p ON p.id = v.prevote_id WHERE p.event_id = $1 AND v.user_id = $2`, [eventId, first.id]);
    expect(votes).toEqual([{ dots: 1 }]);

    // Registration: the first member takes the one place, the second waits, and moves up when the first withdraws.
    await visit(a, eventPath);
    await submitForm(a, `${eventPath}/register`, tr('events.register.submit'));
    await expect(a.getByRole('status').filter({ hasText: tr('events.register.done') }).isVisible()).resolves.toBe(true);
    const b = await e.newPage({ javaScript: false });
    await signIn(b, second);
    await visit(b, eventPath);
    await submitForm(b, `${eventPath}/register`, tr('events.register.submitWaiting'));
    await expect(b.getByText(tr('events.register.youAreWaiting'), { exact: true }).isVisible()).resolves.toBe(true);
    await submitForm(a, `${eventPath}/unregister`, tr('events.register.withdraw'));
    await visit(b, eventPath);
    await expect(b.getByText(tr('events.register.youAreRegistered'), { exact: true }).last().isVisible()).resolves.toBe(true);
    const regs = await ds.query(`SELECT user_id, status FROM event_registrations WHERE event_id = $1 AND status = 'registered'`, [eventId]);
    expect(regs).toEqual([{ user_id: second.id, status: 'registered' }]);
  });
});
