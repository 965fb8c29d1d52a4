// The demo network's meetings (content/demo/events.yml): the pioneers' working group, its past and
// upcoming meetings with minutes and an open pre-vote, three further events, a full one with a
// waiting list, and the forum announcement linking to a real event page.
import { describe, expect, it } from '@jest/globals';
import { loadDemo } from '../../../src/boot.js';
import { demoEventUid, demoTime } from '../../../src/modules/events/events.demo.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';

const DEMO = ['administrations', 'accounts', 'usecases', 'forum', 'events'];

describe('events demo content', () => {
  const t = useTestApp();

  it('when a demo time is read, then it is that many days ahead at that time in Berlin, summer or winter', () => {
    expect(demoTime('2d 09:30', new Date('2027-03-26T12:00:00Z')).toISOString()).toBe('2027-03-28T07:30:00.000Z');
    expect(demoTime('-1d 10:00', new Date('2027-01-02T12:00:00Z')).toISOString()).toBe('2027-01-01T09:00:00.000Z');
  });

  it('when the demo is loaded twice, then the group, its meetings, the pre-vote and the events exist once, and the announcement leads to the event', async () => {
    for (let i = 0; i < 2; i++) await loadDemo(t.ctx, DEMO);
    const [g] = await t.ctx.ds.query(
      `SELECT g.id, count(m.*)::int AS members, count(m.*) FILTER (WHERE m.role = 'lead')::int AS leads,
              count(DISTINCT u.administration_id)::int AS administrations, array_length(g.guiding_questions, 1) AS questions,
              (SELECT restricted FROM forum_categories c WHERE c.id = g.category_id) AS restricted,
              (SELECT count(*)::int FROM forum_category_members cm WHERE cm.category_id = g.category_id) AS discussion_members
         FROM working_groups g JOIN working_group_members m ON m.group_id = g.id AND m.status = 'active' JOIN users u ON u.id = m.user_id
        WHERE g.slug = 'innovationsdialog-buergerbeteiligung' GROUP BY g.id`);
    expect(g).toMatchObject({ members: 12, leads: 2, questions: 5, restricted: true, discussion_members: 12 });
    expect(g.administrations).toBeGreaterThanOrEqual(8);

    const meetings = await t.ctx.ds.query(
      `SELECT e.starts_at < now() AS past, (SELECT status FROM event_minutes mi WHERE mi.event_id = e.id) AS minutes
         FROM events e WHERE e.group_id = $1 ORDER BY e.starts_at`, [g.id]);
    expect(meetings).toEqual([{ past: true, minutes: 'accepted' }, { past: true, minutes: 'accepted' }, { past: false, minutes: null }]);

    const [pv] = await t.ctx.ds.query(
      `SELECT p.closed_at, p.closes_at > now() AS open, count(DISTINCT t.id)::int AS topics,
              count(DISTINCT tu.topic_id)::int AS with_cases, (SELECT sum(dots)::int FROM prevote_votes v WHERE v.prevote_id = p.id) AS dots
         FROM prevotes p JOIN events e ON e.id = p.event_id JOIN prevote_topics t ON t.prevote_id = p.id
         LEFT JOIN prevote_topic_use_cases tu ON tu.topic_id = t.id
        WHERE e.group_id = $1 GROUP BY p.id`, [g.id]);
    expect(pv).toMatchObject({ closed_at: null, open: true, topics: 6, with_cases: 5 });
    expect(pv.dots).toBeGreaterThan(10);
    // Nobody holds more dots than allowed.
    const over = await t.ctx.ds.query(
      `SELECT v.user_id FROM prevote_votes v JOIN prevotes p ON p.id = v.prevote_id GROUP BY p.id, v.user_id, p.votes_per_person
       HAVING sum(v.dots) > p.votes_per_person OR max(v.dots) > max(p.max_per_topic)`);
    expect(over).toEqual([]);

    const others = await t.ctx.ds.query(
      `SELECT e.kind, e.visibility, e.capacity,
              count(*) FILTER (WHERE r.status = 'registered')::int AS registered, count(*) FILTER (WHERE r.status = 'waiting')::int AS waiting
         FROM events e LEFT JOIN event_registrations r ON r.event_id = e.id
        WHERE e.uid = ANY($1::text[]) GROUP BY e.id ORDER BY e.kind`, [['netzwerktreffen', 'webinar', 'barcamp'].map(demoEventUid)]);
    expect(others).toEqual([
      { kind: 'barcamp', visibility: 'network', capacity: 60, registered: 4, waiting: 0 },
      { kind: 'conference', visibility: 'public', capacity: 120, registered: 8, waiting: 0 },
      { kind: 'webinar', visibility: 'network', capacity: 6, registered: 6, waiting: 2 },
    ]);

    // The forum announcement links to the conference's page, which a visitor may open (it is public).
    const [{ html }] = await t.ctx.ds.query(`SELECT body_html AS html FROM forum_threads WHERE title LIKE 'Netzwerktreffen in Leipzig%'`);
    const href = /href="(\/events\/uid\/[^"]+)"/.exec(html)![1]!;
    const visitor = new Browser(t.app);
    const hop = await visitor.get(href);
    expect(hop.status).toBe(302);
    const page = await visitor.get(hop.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Netzwerktreffen Bürgerbeteiligung 2027 in Leipzig');

    // A member sees the upcoming workshop's open pre-vote on its page.
    const [{ id: memberId }] = await t.ctx.ds.query(`SELECT id FROM users WHERE handle = 'mmuster'`);
    const member = await signedIn(t.app, { id: memberId, email: 'member@demo.example', password: 'praxis-demo' } as never);
    const [{ id: workshop }] = await t.ctx.ds.query(`SELECT id FROM events WHERE uid = $1`, [demoEventUid('treffen-3')]);
    const workshopPage = await member.get(`/events/${workshop}`);
    expect([200, 301]).toContain(workshopPage.status);
    const shown = workshopPage.status === 301 ? await member.get(workshopPage.headers.location!) : workshopPage;
    expect(shown.text).toContain('Welche Themen sollen wir im Workshop vertiefen?');
  });
});
