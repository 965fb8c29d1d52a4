// axe (WCAG 2.0/2.1 A and AA plus best practices) on the member start page "Mein Praxis" at 1280 px
// and 320 px (400 % zoom, where nothing may scroll sideways): a member with items in every block
// (long titles that must wrap), a member with only empty states, a facilitator with the care blocks,
// and the page in English. What the blocks show is tested in tests/modules/home.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, useE2E } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { createAdministration, createUser } from '../support/factories.js';
import { createCategory, createReply, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { createGroup, createGroupEvent } from '../support/groups-factories.js';

const LONG = 'Bürgerhaushalt mit Online-Dialog in einer Kleinstadt am Rand des Landkreises, mit einem Titel, der auf schmalen Bildschirmen umbrechen muss';

describe('start page accessibility', () => {
  const e = useE2E();

  it('when a member with items in every block, a member with none and a facilitator open / at 1280 px and 320 px, then axe finds nothing and nothing scrolls sideways', async () => {
    const ds = e.server.ctx.ds;
    const member = await createMember(e.server, 'member', { name: 'Maria Mitglied' });
    const newcomer = await createMember(e.server, 'member', { name: 'Nina Neu' });
    const facilitator = await createMember(e.server, 'facilitator', { name: 'Fatma Facilitatorin' });
    await ds.query(`UPDATE users SET created_at = now() - interval '2 days' WHERE id = $1`, [member.id]);
    await ds.query(`UPDATE administrations SET kind = 'municipality', population = 3700, state = 'TH' WHERE id = $1`, [member.administrationId]);
    const other = await createUser(ds, { name: 'Otto Other' });
    const cat = await createCategory(ds, { name: 'Beteiligung in kleinen Gemeinden' });
    await ds.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, 'category', $2, 'watching')`, [member.id, cat.id]);
    const mine = await createThread(ds, { author: member, category: cat, title: `Meine Frage: ${LONG}` });
    await createReply(ds, mine, { author: other });
    const watched = await createThread(ds, { author: other, category: cat, kind: 'discussion', title: `Diskussion: ${LONG}` });
    await ds.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at) VALUES ($1, 'thread', $2, 'watching', now() - interval '1 day')`, [member.id, watched.id]);
    await createReply(ds, watched, { author: other });
    await createThread(ds, { author: other, category: cat, title: `Offene Frage: ${LONG}` });
    const myCase = await createUseCase(ds, { administrationId: member.administrationId!, createdById: member.id, title: `Mein Praxisbeispiel: ${LONG}`.slice(0, 190) });
    await ds.query(`INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'Toll', '<p>Toll</p>')`, [myCase.id, other.id]);
    const alike = await createAdministration(ds, { kind: 'municipality', population: 4200, state: 'TH', name: 'Gemeinde Ähnlichdorf' });
    await createUseCase(ds, { administrationId: alike.id, title: `Ähnlich: ${LONG}`.slice(0, 190), policyAreas: ['budget'] });
    await ds.query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', 'budget')`, [member.id]);
    const group = await createGroup(ds, { lead: other });
    const event = await createGroupEvent(ds, group.id, { title: `Werkstatt: ${LONG}`, daysFromNow: 5 });
    await ds.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered')`, [event.id, member.id]);

    const audit = new AxeAudit();
    const m = await TwoWidths.open(e, audit, 'member with items', member);
    await m.page('start page', '/');
    await expect(m.wide.getByRole('heading', { level: 1, name: 'Mein Praxis' }).isVisible()).resolves.toBe(true);
    await expect(m.wide.getByRole('link', { name: `Meine Frage: ${LONG}` }).isVisible()).resolves.toBe(true);
    const n = await TwoWidths.open(e, audit, 'newcomer', newcomer);
    await n.page('start page, empty', '/');
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('start page, facilitator', '/');
    await expect(f.wide.getByRole('heading', { level: 2, name: 'Leitfäden, die Pflege brauchen' }).isVisible()).resolves.toBe(true);
    // The sign-in form in German; the member's language (English) applies once signed in.
    const english = await createMember(e.server, 'member', { name: 'Emma English' });
    await ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [english.id]);
    const en = await TwoWidths.open(e, audit, 'member, English', english);
    await en.page('start page, English', '/');
    await expect(en.wide.getByRole('heading', { level: 1, name: 'My Praxis' }).isVisible()).resolves.toBe(true);
    audit.assertClean();
    expect([...m.overflow, ...m.duplicateIds, ...n.overflow, ...n.duplicateIds, ...f.overflow, ...f.duplicateIds, ...en.overflow, ...en.duplicateIds]).toEqual([]);
  });
});
