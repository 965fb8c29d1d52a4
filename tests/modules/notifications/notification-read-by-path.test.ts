// Opening the notified item reads its in-app notifications, for every kind of item a notification
// links to: use cases, guides, academy certificates, events (also through an old address that
// redirects to the current one).
import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../../src/db/transaction.js';
import { notify } from '../../../src/modules/notifications/index.js';
import { createCourse } from '../../support/academy-factories.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';

describe('opening a notified item', () => {
  const t = useTestApp();

  it('when a member opens a use case, guide, certificate or event a notification links to, then that notification is read and the others stay unread', async () => {
    const member = await createUser(t.ctx.ds, { role: 'facilitator' });
    const uc = await createUseCase(t.ctx.ds, { administrationId: member.administrationId! });
    const guide = await createGuide(t.ctx.ds, { owner: member });
    const course = await createCourse(t.ctx.ds, []);
    const [cert] = await t.ctx.ds.query(`INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, $3) RETURNING id`, [course.id, member.id, member.name]);
    const slug = uniq('werkstatt-');
    const [event] = await t.ctx.ds.query(
      `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, visibility)
       VALUES ($1, $2, 'Werkstatt', 'workshop', 'online', now() + interval '3 days', now() + interval '3 days 2 hours', 'public') RETURNING id`,
      [`${slug}@praxis.test`, slug]);
    const items = {
      useCase: { url: `/use-cases/${uc.slug}#comments`, open: `/use-cases/${uc.slug}` },
      guide: { url: `/guides/${guide.slug}`, open: `/guides/${guide.slug}` },
      certificate: { url: `/academy/certificates/${cert.id}`, open: `/academy/certificates/${cert.id}` },
      event: { url: `/events/${event.id}-alter-titel`, open: `/events/${event.id}-alter-titel` }, // renamed since: redirects
    };
    for (const [title, item] of Object.entries(items)) {
      await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: member.id, kind: 'test.ping', title, url: item.url }));
    }
    const unread = async () => (await t.ctx.ds.query(
      `SELECT title FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY id`, [member.id])).map((r: { title: string }) => r.title);
    const b = await signedIn(t.app, member);
    const left = Object.keys(items);
    for (const [title, item] of Object.entries(items)) {
      const res = await b.get(item.open);
      expect({ title, status: res.status }).toEqual({ title, status: title === 'event' ? 301 : 200 });
      left.splice(left.indexOf(title), 1);
      expect(await unread()).toEqual(left);
    }
  });
});
