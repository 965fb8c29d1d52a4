// axe (WCAG 2.0/2.1 A and AA plus best practices) on every page of the events module — events,
// registration, the calendar feed, the topic pre-vote in each state, the agenda editor, minutes,
// files and outcomes, working groups and their publications — as a visitor, a member and a
// facilitator, at 1280 px and at 320 px (400 % zoom, where no page may scroll sideways), forms
// also with their errors shown. The data is written with the test factories; what a page does is
// tested in tests/modules/events and tests/e2e/events.test.ts.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, elementsWithoutFocusIndicator, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { createEvent as createCoreEvent } from '../modules/events/core-factories.js';
import { createPrevote, createTopic, giveDots } from '../modules/events/prevote-fixtures.js';
import { createGroup, createPublication } from '../support/groups-factories.js';
import { createUser } from '../support/factories.js';
import { createUseCase } from '../support/usecases-factories.js';

const DAY = 86_400_000;


describe('events accessibility', () => {
  const e = useE2E();

  // One set of data for all four tests.
  const fx = {} as Awaited<ReturnType<typeof makeFixtures>>;
  const makeFixtures = async () => {
    const ds = e.server.ctx.ds;
    const facilitator = await createMember(e.server, 'facilitator', { name: 'Fatma Facilitatorin' });
    const member = await createMember(e.server, 'member', { name: 'Maria Mitglied' });
    const lead = await createUser(ds, { name: 'Lena Leitung' });
    const other = await createUser(ds, { name: 'Otto Other' });

    // A working group (Maria is a member) with a published and a draft publication.
    const group = await createGroup(ds, { membership: 'request', lead, members: [member], requested: [other] });
    const published = await createPublication(ds, group.id, lead, { status: 'published', title: 'Leitfragen – ein erstes Ergebnis' });
    await createPublication(ds, group.id, member, { status: 'draft', title: 'Entwurf Kompetenzaufbau' });

    // Four events: a public upcoming one of the group (pre-vote open for proposals; Maria registered),
    // a network one with its one place taken (pre-vote in its voting phase), a past one (pre-vote past its deadline: closes on
    // the first page load) for the agenda, minutes, files and outcomes,
    // and one without a pre-vote.
    const upcoming = await createCoreEvent(ds, {
      title: 'Barcamp Bürgerbeteiligung mit einem recht langen Titel, der umbrechen muss', visibility: 'public', kind: 'barcamp', format: 'hybrid',
      capacity: 20, groupId: group.id, organiserAdministrationId: facilitator.administrationId, startsAt: new Date(Date.now() + 14 * DAY),
      onlineUrl: 'https://meet.example/ein-sehr-langer-raumname-der-auf-schmalen-bildschirmen-nicht-passt-0123456789',
    });
    const voting = await createCoreEvent(ds, { title: 'Workshop Vorab-Abstimmung', capacity: 1, startsAt: new Date(Date.now() + 21 * DAY) });
    const past = await createCoreEvent(ds, {
      title: 'Werkstatt im Frühjahr', startsAt: new Date(Date.now() - 3 * DAY), endsAt: new Date(Date.now() - 3 * DAY + 4 * 3_600_000),
      organiserAdministrationId: facilitator.administrationId,
    });
    const bare = await createCoreEvent(ds, { title: 'Meetup ohne Abstimmung', kind: 'meetup', format: 'online', place: '' });

    const p1 = await createPrevote(ds, upcoming.id, { phase: 'proposals' });
    await createTopic(ds, p1.id, member.id, 'Jugendbeteiligung verstetigen');
    await createTopic(ds, p1.id, lead.id, 'Online-Beteiligung barrierefrei gestalten');
    const p2 = await createPrevote(ds, voting.id, { phase: 'voting' });
    const t2a = await createTopic(ds, p2.id, member.id, 'Beteiligungshaushalt');
    await createTopic(ds, p2.id, lead.id, 'Qualitätskriterien');
    await giveDots(ds, p2.id, t2a.id, member.id, 2);
    const p3 = await createPrevote(ds, past.id, { phase: 'due' });
    const t3a = await createTopic(ds, p3.id, member.id, 'Kulturwandel in der Verwaltung');
    const t3b = await createTopic(ds, p3.id, lead.id, 'Kompetenzen aufbauen');
    await giveDots(ds, p3.id, t3a.id, member.id, 2);
    await giveDots(ds, p3.id, t3b.id, lead.id, 1);
    await ds.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered'), ($3, $4, 'registered'), ($5, $2, 'registered')`,
      [upcoming.id, member.id, voting.id, lead.id, past.id]);

    return { ds, facilitator, member, group, published, upcoming, voting, past, bare };
  };
  beforeAll(async () => { Object.assign(fx, await makeFixtures()); });

  it('when a visitor opens the events list, a public event and its pre-vote at 1280 px and 320 px, then axe finds nothing and nothing scrolls sideways', async () => {
    const { group, upcoming } = fx;
    const audit = new AxeAudit();
    // ---- a visitor ----
    const v = await TwoWidths.open(e, audit, 'visitor');
    await v.page('events list', '/events');
    await v.page('events list filtered', `/events?kind=barcamp&format=hybrid&group=${group.id}&state=TH`);
    await v.page('events archive', `/events?year=${new Date(Date.now() - 3 * DAY).getUTCFullYear()}`);
    await v.page('public event page', upcoming.path);
    await v.page('pre-vote of a public event', `/events/${upcoming.id}/prevote`);
    // The same pages in English (the interface's language, not the content's).
    const en = await TwoWidths.open(e, audit, 'visitor, English', undefined, 'en-GB');
    await en.page('events list (English)', '/events');
    await expect(en.wide.locator('html').getAttribute('lang')).resolves.toBe('en');
    await en.page('public event page (English)', upcoming.path);
    await en.page('pre-vote of a public event (English)', `/events/${upcoming.id}/prevote`);

    audit.assertClean();
    expect([...v.overflow, ...v.duplicateIds, ...en.overflow, ...en.duplicateIds]).toEqual([]);
  });

  it('when a member opens events, the pre-vote, the calendar feed, groups and publications at both widths, then axe finds nothing and nothing scrolls sideways', async () => {
    const { member, group, published, upcoming, voting } = fx;
    const audit = new AxeAudit();
    // ---- a member ----
    const m = await TwoWidths.open(e, audit, 'member', member);
    await m.page('events list', '/events');
    await m.page('event page, registered', upcoming.path);
    await m.page('event page, full (waiting list offered)', voting.path);
    await expect(m.wide.getByRole('button', { name: tr('events.register.submitWaiting') }).isVisible()).resolves.toBe(true);
    await m.page('pre-vote: proposals open', `/events/${upcoming.id}/prevote`);
    await m.errors('pre-vote: proposal with errors', `/events/${upcoming.id}/prevote`, `/events/${upcoming.id}/prevote/topics`);
    await m.page('pre-vote: voting', `/events/${voting.id}/prevote`);
    // More dots than allowed (two on each of two topics, three in all): the form comes back with the message.
    await m.errors('pre-vote: too many dots', `/events/${voting.id}/prevote`, `/events/${voting.id}/prevote/votes`, async (p) => {
      for (const select of await p.locator('#vote select').all()) await select.selectOption('2');
    });
    await m.page('calendar feed', '/events/calendar');
    for (const p of [m.wide, m.narrow]) await submitForm(p, '/events/calendar', tr('events.feed.create'));
    await m.current('calendar feed with its address');
    await m.page('groups list', '/groups');
    await m.page('group page (member)', `/groups/${group.slug}`);
    await m.page('publication page', `/groups/${group.slug}/publications/${published.slug}`);
    await m.page('new publication', `/groups/${group.slug}/publications/new`);
    await m.errors('new publication with errors', `/groups/${group.slug}/publications/new`, `/groups/${group.slug}/publications`);

    audit.assertClean();
    expect([...m.overflow, ...m.duplicateIds]).toEqual([]);
  });

  it('when a facilitator opens the event, participant, pre-vote and agenda pages and forms at both widths, then axe finds nothing and nothing scrolls sideways', async () => {
    const { ds, facilitator, group, upcoming, voting, past, bare } = fx;
    const audit = new AxeAudit();
    // ---- a facilitator ----
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('event page with participants link', upcoming.path);
    await f.page('participants', `${upcoming.path}/participants`);
    await f.page('participants of a past event (attendance)', `${past.path}/participants`);
    await f.page('create event', '/events/new');
    await f.errors('create event with errors', '/events/new', '/events');
    await f.errors('create event with invalid values', '/events/new', '/events', async (p) => {
      await p.locator('#field-title').fill('Ok');
      await p.locator('#field-startsAt').fill('2030-05-02T10:00');
      await p.locator('#field-endsAt').fill('2030-05-01T10:00');
      await p.locator('#field-capacity').fill('viele');
      await p.locator('#field-onlineUrl').fill('keine adresse');
    });
    await f.page('edit event', `${upcoming.path}/edit`);
    await f.errors('edit event with errors', `${upcoming.path}/edit`, `${upcoming.path}/edit`, async (p) => p.locator('#field-title').fill(''));
    await f.page('open a pre-vote', `/events/${bare.id}/prevote/new`);
    await f.errors('open a pre-vote with errors', `/events/${bare.id}/prevote/new`, `/events/${bare.id}/prevote/new`);
    await f.page('pre-vote settings', `/events/${upcoming.id}/prevote/edit`);
    await f.page('pre-vote: proposals open (facilitator)', `/events/${upcoming.id}/prevote`);
    await f.page('pre-vote: voting (facilitator)', `/events/${voting.id}/prevote`);
    // Merging and rejecting sit in a closed <details> per topic, which axe skips: open it, and send a rejection without a reason.
    const [topic] = await ds.query(`SELECT t.id FROM prevote_topics t JOIN prevotes p ON p.id = t.prevote_id WHERE p.event_id = $1 ORDER BY t.id LIMIT 1`, [voting.id]);
    const openManage = async (p: Page) => p.locator(`#topic-${topic.id} details summary`).click();
    for (const p of [f.wide, f.narrow]) {
      await visit(p, `/events/${voting.id}/prevote`);
      await openManage(p);
    }
    await f.current('pre-vote: merge and reject opened');
    await f.errors('pre-vote: rejection without a reason', `/events/${voting.id}/prevote`, `/events/${voting.id}/prevote/topics/${topic.id}/reject`, openManage);
    await f.page('pre-vote: closed with ranking', `/events/${past.id}/prevote`);
    await f.page('agenda editor', `/events/${past.id}/agenda/edit`);
    await f.errors('agenda editor with errors', `/events/${past.id}/agenda/edit`, `/events/${past.id}/agenda`);
    await submitForm(f.wide, `/events/${past.id}/agenda/from-topic`, `${tr('prevote.agenda.addTopic')} – Kulturwandel in der Verwaltung`);
    await f.page('agenda editor with an item', `/events/${past.id}/agenda/edit`);
    const [item] = await ds.query(`SELECT id FROM event_agenda_items WHERE event_id = $1`, [past.id]);
    await f.page('agenda item', `/events/${past.id}/agenda/${item.id}/edit`);
    // What axe cannot see: every stop on the way through with Tab shows where the focus is.
    const unfocused: string[] = [];
    for (const path of ['/events', upcoming.path, `/events/${voting.id}/prevote`, `/events/${past.id}/agenda/edit`, `/groups/${group.slug}`, '/events/new']) {
      await visit(f.wide, path);
      for (const what of await elementsWithoutFocusIndicator(f.wide, 120)) unfocused.push(`${path}: ${what}`);
    }
    expect(unfocused).toEqual([]);
    audit.assertClean();
    expect([...f.overflow, ...f.duplicateIds]).toEqual([]);
  });

  it('when a facilitator opens minutes, files, outcomes, groups and publications at both widths, then axe finds nothing and nothing scrolls sideways', async () => {
    const { facilitator, group, published, past } = fx;
    const audit = new AxeAudit();
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('minutes (none yet)', `/events/${past.id}/minutes`);
    await f.errors('minutes with errors', `/events/${past.id}/minutes`, `/events/${past.id}/minutes`);
    for (const text of ['## Ergebnisse\n\n- Kulturwandel braucht Zeit', '## Ergebnisse\n\n- Kulturwandel braucht Zeit\n- Kompetenzen gezielt aufbauen']) {
      await visit(f.wide, `/events/${past.id}/minutes`);
      await f.wide.locator('#field-body').fill(text);
      await submitForm(f.wide, `/events/${past.id}/minutes`, tr('form.save'));
    }
    await f.page('minutes with revisions', `/events/${past.id}/minutes`);
    await f.page('minutes revision', `/events/${past.id}/minutes/revisions/1`);
    await f.page('attachments', `/events/${past.id}/attachments`);
    await f.errors('attachments with errors', `/events/${past.id}/attachments`, `/events/${past.id}/attachments`);
    await visit(f.wide, `/events/${past.id}/attachments`);
    await f.wide.locator('#field-file').setInputFiles({ name: 'fotoprotokoll-mit-einem-sehr-langen-dateinamen-ohne-leerzeichen.png', mimeType: 'image/png', buffer: PNG });
    await f.wide.locator('#field-description').fill('Fotoprotokoll der Pinnwände');
    await submitForm(f.wide, `/events/${past.id}/attachments`, tr('eventResults.files.submit'));
    await f.wide.getByRole('link', { name: /^fotoprotokoll/ }).waitFor();
    await f.page('attachments with a file', `/events/${past.id}/attachments`);
    await f.page('promote minutes to a guide', `/events/${past.id}/minutes/promote`);
    await f.page('outcomes', `/events/${past.id}/outcomes`);
    await f.errors('outcomes with errors', `/events/${past.id}/outcomes`, `/events/${past.id}/outcomes`);
    await f.page('past event with agenda and results', past.path);
    await f.page('events archive with a past event', `/events?year=${new Date(Date.now() - 3 * DAY).getUTCFullYear()}`);
    await f.page('groups list (facilitator)', '/groups');
    await f.page('group page (facilitator)', `/groups/${group.slug}`);
    await f.page('new group', '/groups/new');
    await f.errors('new group with errors', '/groups/new', '/groups', async (p) => {
      await p.locator('#field-name').fill('');
      await p.locator('#field-leads').fill('');
    });
    await f.page('edit group', `/groups/${group.slug}/edit`);
    await f.page('publication (facilitator)', `/groups/${group.slug}/publications/${published.slug}`);
    await f.page('edit publication', `/groups/${group.slug}/publications/${published.slug}/edit`);

    audit.assertClean();
    expect([...f.overflow, ...f.duplicateIds]).toEqual([]);
  });

  it('when pages show their remaining states (a linked outcome, accepted minutes to promote, a publication in review, a group seen from outside), then axe finds nothing at both widths', async () => {
    const { ds, facilitator, group, past } = fx;
    const audit = new AxeAudit();
    const uc = await createUseCase(ds, { title: 'Bürgerbudget mit einem recht langen Titel, der auf schmalen Bildschirmen umbrechen muss' });
    await ds.query(`INSERT INTO event_outcomes (event_id, kind, target_id, added_by_id) VALUES ($1, 'use_case', $2, $3)`, [past.id, uc.id, facilitator.id]);
    await ds.query(
      `INSERT INTO event_minutes (event_id, body_source, body_html, status) VALUES ($1, 'Ergebnis', '<p>Ergebnis</p>', 'accepted')
       ON CONFLICT (event_id) DO UPDATE SET status = 'accepted'`, [past.id]);
    const review = await createPublication(ds, group.id, group.lead, { status: 'in_review', title: 'Zur Prüfung: Qualitätskriterien' });
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('outcomes with a linked use case', `/events/${past.id}/outcomes`);
    await f.page('past event with a linked outcome', past.path);
    await f.page('promote accepted minutes', `/events/${past.id}/minutes/promote`);
    await expect(f.wide.locator(`main form[action="/events/${past.id}/minutes/promote"]`).count()).resolves.toBe(1);
    await f.page('publication in review (publish and return)', `/groups/${group.slug}/publications/${review.slug}`);
    await expect(f.wide.locator('#return-heading').count()).resolves.toBe(1);

    const outsider = await createMember(e.server, 'member', { name: 'Anton Außen' });
    const o = await TwoWidths.open(e, audit, 'non-member', outsider);
    await o.page('group page (non-member)', `/groups/${group.slug}`);
    await ds.query(`INSERT INTO working_group_members (group_id, user_id, status) VALUES ($1, $2, 'requested')`, [group.id, outsider.id]);
    await o.page('group page (membership requested)', `/groups/${group.slug}`);

    audit.assertClean();
    expect([...f.overflow, ...f.duplicateIds, ...o.overflow, ...o.duplicateIds]).toEqual([]);
  });
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
