// Webhooks end to end against a REAL receiver (node:http on 127.0.0.1, a free port), signatures
// checked with the standardwebhooks package: admin pages (the secret shown once, audit entries,
// 404 for members and facilitators, CSRF), every event kind delivered by the worker, retry after a
// 500 with the same webhook-id, disabling after repeated failures with a notice to the admins, a
// receiver that never answers, and the test event. Own database: endpoints are global and the
// tests drain the outbox.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { inTransaction } from '../../../src/db/transaction.js';
import { publishResourceEvent } from '../../../src/shared/resource-events.js';
import { encryptSecret, openSecret } from '../../../src/shared/secrets.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createAdministration, createUser, type TestUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createCourse, createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { elements, parseHtml, textOf } from '../../support/html.js';

interface Received { path: string; headers: IncomingMessage['headers']; body: string }

/** A receiver: /ok… answers 200, /fail… 500, /flaky 500 once per webhook-id then 200, /hang never. */
class Receiver {
  server!: Server;
  port = 0;
  received: Received[] = [];
  private seen = new Set<string>();
  private hanging: IncomingMessage[] = [];
  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const id = String(req.headers['webhook-id']);
        if (req.url === '/hang') { this.hanging.push(req); return; }
        if (req.url!.startsWith('/fail') || (req.url === '/flaky' && !this.seen.has(id))) {
          this.seen.add(id);
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`kaputt ${'!'.repeat(3000)}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }
  url(path: string) { return `http://127.0.0.1:${this.port}${path}`; }
  at(path: string) { return this.received.filter((r) => r.path === path); }
  stop() {
    for (const req of this.hanging) req.socket.destroy();
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('webhooks', () => {
  const t = useTestApp(usePrivateDatabase({ WEBHOOKS_DISABLE_AFTER_FAILURES: '3' }));
  const receiver = new Receiver();
  let admin: TestUser & { totpSecret: string };
  let a: Browser;
  beforeAll(async () => {
    await receiver.start();
    const totpSecret = generateTotpSecret();
    admin = { ...(await createUser(t.ctx.ds, { role: 'admin', totpSecret })), totpSecret };
    a = await signedIn(t.app, admin);
  });
  afterAll(() => receiver.stop());

  const secretIn = (html: string) => /id="webhook-secret"[^>]*value="([^"]+)"/.exec(html)?.[1]?.replace(/&#x3D;/g, "=");
  const endpoint = (id: number) => t.ctx.ds.query(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]).then((r: Record<string, unknown>[]) => r[0]!);
  const auditOf = (id: number) => t.ctx.ds.query(`SELECT action, actor_id AS "actorId", details FROM audit_log WHERE subject_type = 'webhook_endpoint' AND subject_id = $1 ORDER BY id`, [String(id)]);
  const deliveriesOf = (id: number) => t.ctx.ds.query(`SELECT id, type, status, attempts, message_id AS "messageId" FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id`, [id]);
  /** Makes every queued retry due now (the schedule's first wait is 5 s). */
  const retriesDue = () => t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = 'webhooks.deliver' AND processed_at IS NULL AND failed_at IS NULL`);

  async function register(path: string, events: string[], extra: Record<string, string> = {}): Promise<{ id: number; secret: string }> {
    const res = await a.post('/admin/webhooks', { url: receiver.url(path), description: `Empfänger ${path}`, events, ...extra }, '/admin/webhooks/new');
    expect(res.status).toBe(201);
    const secret = secretIn(res.text)!;
    const [{ id }] = await t.ctx.ds.query(`SELECT id FROM webhook_endpoints WHERE url = $1 ORDER BY id DESC LIMIT 1`, [receiver.url(path)]);
    return { id, secret };
  }
  const verified = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };

  it('when an admin registers an endpoint, then the secret is shown once (whsec_, never again on a page), the form refuses bad input with 422, and the creation is audited', async () => {
    const res = await a.post('/admin/webhooks', { url: receiver.url('/ok-create'), description: 'Landesportal', events: ['thread.created', 'use_case.published'] }, '/admin/webhooks/new');
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = secretIn(res.text)!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await t.ctx.ds.query(`SELECT id, url, description, events, include_network AS "includeNetwork", enabled, secret FROM webhook_endpoints WHERE url = $1`, [receiver.url('/ok-create')]);
    // Stored encrypted under SECRETS_KEY (the development key here), never as shown.
    expect(row.secret).not.toContain(secret.slice(6));
    expect(openSecret(t.ctx.config.secretsKey, row.secret)).toBe(secret);
    delete row.secret;
    expect(row).toMatchObject({ url: receiver.url('/ok-create'), description: 'Landesportal', events: ['use_case.published', 'thread.created'], includeNetwork: false, enabled: true });
    expect(await auditOf(row.id)).toEqual([{ action: 'webhook.created', actorId: admin.id, details: { url: receiver.url('/ok-create'), events: ['use_case.published', 'thread.created'], includeNetwork: false } }]);

    const list = await a.get('/admin/webhooks');
    expect(list.status).toBe(200);
    expect(list.text).toContain(receiver.url('/ok-create'));
    expect(list.text).not.toContain(secret);
    const show = await a.get(`/admin/webhooks/${row.id}`);
    expect(show.status).toBe(200);
    expect(show.text).not.toContain(secret);
    expect(show.text).toContain(`${secret.slice(0, 10)}…`);
    expect((await a.get('/admin')).text).toContain('href="/admin/webhooks"');

    const bad: [Record<string, string | string[]>, string, string][] = [
      [{ url: 'http://portal.example.org/hook', events: 'thread.created' }, 'url', 'https://'],
      [{ url: 'https://10.0.0.1/hook', events: 'thread.created' }, 'url', 'internen oder reservierten Netz'],
      [{ url: 'https://portal.example.org/hook' }, 'events', 'mindestens ein Ereignis'],
      [{ url: 'https://portal.example.org/hook', events: ['thread.created', 'user.deleted'] }, 'events', 'nur angebotene Ereignisse'],
    ];
    for (const [fields, field, message] of bad) {
      const r = await a.post('/admin/webhooks', { description: 'Behalten', ...fields }, '/admin/webhooks/new');
      expect(r.status).toBe(422);
      expect(r.text).toContain(`id="field-${field}-error"`);
      expect(r.text).toContain(message);
      expect(r.text).toContain('value="Behalten"');
    }
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE url LIKE 'http%://%portal.example.org%' OR url LIKE 'http://10.%'`);
    expect(n).toBe(0);
  });

  it('when an admin edits, disables, enables, rotates the secret and deletes, then each change is audited; after a rotation both secrets sign for a day', async () => {
    const { id, secret } = await register('/ok-edit', ['thread.created']);
    expect((await a.post(`/admin/webhooks/${id}`, { url: receiver.url('/ok-edit'), description: 'Neu', events: ['thread.created', 'answer.accepted'], includeNetwork: 'on' }, `/admin/webhooks/${id}`)).status).toBe(303);
    expect(await endpoint(id)).toMatchObject({ description: 'Neu', events: ['thread.created', 'answer.accepted'], include_network: true });
    const invalid = await a.post(`/admin/webhooks/${id}`, { url: 'ftp://x', events: 'thread.created' }, `/admin/webhooks/${id}`);
    expect(invalid.status).toBe(422);
    expect((await endpoint(id)).url).toBe(receiver.url('/ok-edit'));

    expect((await a.post(`/admin/webhooks/${id}/disable`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    expect(await endpoint(id)).toMatchObject({ enabled: false, disabled_reason: 'admin' });
    expect((await a.post(`/admin/webhooks/${id}/enable`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    expect(await endpoint(id)).toMatchObject({ enabled: true, disabled_reason: null });

    const rotated = await a.post(`/admin/webhooks/${id}/rotate`, {}, `/admin/webhooks/${id}`);
    expect(rotated.status).toBe(201);
    const fresh = secretIn(rotated.text)!;
    expect(fresh).not.toBe(secret);
    const row = await endpoint(id);
    const key = t.ctx.config.secretsKey;
    expect([openSecret(key, row.secret as string), openSecret(key, row.previous_secret as string)]).toEqual([fresh, secret]);
    expect((row.previous_secret_until as Date).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    // A test event now carries both signatures: the receiver may still check with the old secret.
    expect((await a.post(`/admin/webhooks/${id}/test`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    await t.drain();
    const [got] = receiver.at('/ok-edit');
    expect(verified(secret, got!).type).toBe('webhook.test');
    expect(verified(fresh, got!).data).toEqual({ endpointId: id, message: 'Test event from Praxis' });

    expect((await a.post(`/admin/webhooks/${id}/delete`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT 1 FROM webhook_endpoints WHERE id = $1`, [id])).toEqual([]);
    expect((await auditOf(id)).map((e: { action: string }) => e.action)).toEqual([
      'webhook.created', 'webhook.updated', 'webhook.disabled', 'webhook.enabled', 'webhook.secret_rotated', 'webhook.test_sent', 'webhook.deleted',
    ]);
    expect((await auditOf(id))[1].details).toEqual({
      description: { from: 'Empfänger /ok-edit', to: 'Neu' }, events: { from: ['thread.created'], to: ['thread.created', 'answer.accepted'] }, includeNetwork: { from: false, to: true },
    });
    expect((await a.get(`/admin/webhooks/${id}`)).status).toBe(404);
  });

  it('when a secret was stored before SECRETS_KEY was set, then it still signs; when it cannot be read (another key), then the delivery fails with a message and the pages still show', async () => {
    const { id, secret } = await register('/ok-legacy', ['thread.created']);
    await t.ctx.ds.query(`UPDATE webhook_endpoints SET secret = $2 WHERE id = $1`, [id, secret]);
    expect((await a.post(`/admin/webhooks/${id}/test`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    await t.drain();
    expect(verified(secret, receiver.at('/ok-legacy')[0]!).type).toBe('webhook.test');
    expect((await a.get(`/admin/webhooks/${id}`)).text).toContain(secret.slice(0, 10));

    await t.ctx.ds.query(`UPDATE webhook_endpoints SET secret = $2 WHERE id = $1`, [id, encryptSecret(randomBytes(32), secret)]);
    expect((await a.post(`/admin/webhooks/${id}/test`, {}, `/admin/webhooks/${id}`)).status).toBe(303);
    await t.drain();
    expect(receiver.at('/ok-legacy')).toHaveLength(1);
    const page = await a.get(`/admin/webhooks/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('SECRETS_KEY changed or removed');
    expect(page.text).toContain('<code>?</code>');
    // Rotating gives a readable secret again.
    expect((await a.post(`/admin/webhooks/${id}/rotate`, {}, `/admin/webhooks/${id}`)).status).toBe(201);
  });

  it('when a member or facilitator opens or posts to the admin pages, then 404 and nothing changes; a visitor is sent to sign in; a post without the CSRF token is refused', async () => {
    const { id } = await register('/ok-perm', ['thread.created']);
    const before = await endpoint(id);
    for (const role of ['member', 'facilitator'] as const) {
      const b = await signedIn(t.app, await createUser(t.ctx.ds, { role }));
      for (const path of ['/admin/webhooks', '/admin/webhooks/new', `/admin/webhooks/${id}`]) expect((await b.get(path)).status).toBe(404);
      expect((await b.post('/admin/webhooks', { url: receiver.url('/x'), events: 'thread.created' })).status).toBe(404);
      for (const action of ['disable', 'rotate', 'test', 'delete']) expect((await b.post(`/admin/webhooks/${id}/${action}`)).status).toBe(404);
      expect((await b.post(`/admin/webhooks/${id}`, { url: receiver.url('/x'), events: 'thread.created' })).status).toBe(404);
    }
    const visitor = new Browser(t.app);
    expect((await visitor.get('/admin/webhooks')).status).toBe(303);
    expect((await visitor.post(`/admin/webhooks/${id}/delete`)).status).toBe(401);
    expect((await a.agent.post(`/admin/webhooks/${id}/delete`).type('form').send({})).status).toBe(403);
    expect((await a.agent.post('/admin/webhooks').type('form').send({ url: receiver.url('/csrf'), events: 'thread.created' })).status).toBe(403);
    expect(await endpoint(id)).toEqual(before);
    expect((await auditOf(id)).map((e: { action: string }) => e.action)).toEqual(['webhook.created']);
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it('when each kind of event happens, then the worker (not the request) delivers it signed, with the resource as data; members-only and closed-group content stays inside unless asked for', async () => {
    const all = ['use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued', 'event.created'];
    const pub = await register('/ok-kinds', all);
    const net = await register('/ok-network', ['thread.created'], { includeNetwork: 'on' });

    // thread.created, through the forum's page: a public category, a members' one.
    const author = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, author);
    const publicCat = await createCategory(t.ctx.ds, { isPublic: true });
    const membersCat = await createCategory(t.ctx.ds, { isPublic: false });
    for (const [cat, title] of [[publicCat, 'Öffentliche Frage zum Bürgerhaushalt'], [membersCat, 'Interne Frage zum Bürgerhaushalt']] as const) {
      const res = await b.post('/forum/new', { categoryId: String(cat.id), kind: 'question', title, body: 'Wie habt ihr das gemacht?', checked: '1' }, '/forum/new');
      expect(res.status).toBe(303);
    }
    expect(receiver.at('/ok-kinds')).toHaveLength(0); // nothing is sent in the request

    // answer.accepted, through the forum's page.
    const thread = await createThread(t.ctx.ds, { category: publicCat, author });
    const reply = await createReply(t.ctx.ds, thread);
    expect((await b.post(`/forum/replies/${reply.id}/accept`, {}, thread.url)).status).toBe(303);

    // use_case.published and use_case.adopted, through the use cases' pages.
    const owner = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: owner.administrationId!, createdById: owner.id, published: false, visibility: 'public', title: 'Jugendbudget Webhook' });
    const o = await signedIn(t.app, owner);
    expect((await o.post(`/use-cases/${uc.slug}/edit/publish`, { publish: 'publish' }, `/use-cases/${uc.slug}/edit/publish`)).status).toBe(303);
    const adopterAdm = await createAdministration(t.ctx.ds);
    const adopter = await signedIn(t.app, await createUser(t.ctx.ds, { administrationId: adopterAdm.id }));
    expect((await adopter.post(`/use-cases/${uc.slug}/adoption`, { status: 'implemented', note: 'Läuft' }, `/use-cases/${uc.slug}`)).status).toBe(303);

    // guide.published, through the review page: a facilitator approves a chapter another member wrote.
    const guide = await createGuide(t.ctx.ds, { publish: false, authorId: author.id, chapters: [{ slug: 'phasen', title: 'Phasen', body: 'Die Phasen eines Bürgerhaushalts.' }] });
    const [{ draft }] = await t.ctx.ds.query(`SELECT draft_revision_id AS draft FROM guides WHERE id = $1`, [guide.id]);
    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await reviewer.post(`/guides/${guide.slug}/approve`, { revision: String(draft), comment: '' }, `/guides/${guide.slug}/review`)).status).toBe(303);
    const [{ chapterId }] = await t.ctx.ds.query(`SELECT id AS "chapterId" FROM guide_chapters WHERE guide_id = $1`, [guide.id]);

    // certificate.issued, through the academy's pages: the learner passes the course's only quiz.
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const started = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
    const attemptPage = started.headers.location!;
    const attemptId = Number(/attempts\/(\d+)/.exec(attemptPage)![1]);
    await postPairs(b, attemptPage, [...rightAnswers(await questionsOf(t.ctx.ds, quiz.id)), ['nav', 'review']], attemptPage);
    await b.post(`/academy/attempts/${attemptId}/submit`, {}, `/academy/attempts/${attemptId}/review`);
    expect(await t.ctx.ds.query(`SELECT 1 FROM academy_certificates WHERE course_id = $1 AND user_id = $2`, [course.id, author.id])).toHaveLength(1);

    // event.created, through the events' create form (a facilitator announces a public event).
    const announced = await reviewer.post('/events', {
      title: 'Barcamp Webhook', kind: 'barcamp', format: 'hybrid', description: 'Wir **treffen** uns.', startsAt: '2031-06-01T10:00', endsAt: '2031-06-01T16:00',
      place: 'Stadthalle', onlineUrl: 'https://meet.example/geheimer-raum', capacity: '30', registrationOpensAt: '', registrationClosesAt: '',
      visibility: 'public', language: 'de', organiserAdministrationId: '', groupId: '',
    }, '/events/new');
    expect(announced.status).toBe(303);
    const eventPath = announced.headers.location!;

    await inTransaction(t.ctx.ds, async (db) => {
      // A thread of a closed working group: never sent, not even to the endpoint that takes network content.
      await publishResourceEvent(db, {
        type: 'thread.created', key: 'thread.created:999999', visibility: 'restricted',
        resource: { type: 'forum_thread', id: 999999, title: 'Geschlossener Arbeitskreis', url: '/forum/threads/999999-x' },
      });
    });

    await t.drain();
    // Events an earlier test of this file left for the worker reach this endpoint too (it subscribes to
    // everything): certificates of other courses are left out, as threads are told apart by title.
    const got = receiver.at('/ok-kinds').map((r) => ({ r, msg: verified(pub.secret, r) }))
      .filter(({ msg }) => msg.type !== 'certificate.issued' || (msg.data.course as { slug: string }).slug === course.slug);
    const byType = Object.fromEntries(got.map(({ msg }) => [msg.type === 'thread.created' ? `${msg.type}:${String(msg.data.title)}` : msg.type, msg]));
    expect(Object.keys(byType).sort()).toEqual([
      'answer.accepted', 'certificate.issued', 'guide.published', 'thread.created:Öffentliche Frage zum Bürgerhaushalt',
      'use_case.adopted', 'use_case.published', 'event.created',
    ].sort());
    expect(byType['event.created']!.data).toEqual({
      type: 'event', id: Number(/^\/events\/(\d+)-/.exec(eventPath)![1]), title: 'Barcamp Webhook', url: `http://praxis.test${eventPath}`, visibility: 'public',
      kind: 'barcamp', format: 'hybrid', startsAt: '2031-06-01T08:00:00Z', endsAt: '2031-06-01T14:00:00Z', place: 'Stadthalle',
    });
    expect(JSON.stringify(byType['event.created'])).not.toContain('geheimer-raum');
    const [{ id: threadId }] = await t.ctx.ds.query(`SELECT id FROM forum_threads WHERE title = 'Öffentliche Frage zum Bürgerhaushalt'`);
    expect(byType['thread.created:Öffentliche Frage zum Bürgerhaushalt']!.data).toEqual({
      type: 'forum_thread', id: threadId, title: 'Öffentliche Frage zum Bürgerhaushalt', url: expect.stringMatching(new RegExp(`^http://praxis\\.test/forum/threads/${threadId}-`)), visibility: 'public',
    });
    expect(byType['answer.accepted']!.data).toEqual({
      type: 'forum_reply', id: reply.id, url: `http://praxis.test${thread.url}#reply-${reply.id}`, thread: { title: thread.title, url: `http://praxis.test${thread.url}` },
    });
    expect(byType['use_case.published']!.data).toEqual({ type: 'use_case', id: uc.id, title: 'Jugendbudget Webhook', url: `http://praxis.test/use-cases/${uc.slug}`, visibility: 'public' });
    expect(byType['use_case.adopted']!.data).toEqual({
      type: 'adoption', state: 'implemented', useCase: { id: uc.id, title: 'Jugendbudget Webhook', url: `http://praxis.test/use-cases/${uc.slug}` },
      administration: { id: adopterAdm.id, name: adopterAdm.name, url: `http://praxis.test/administrations/${adopterAdm.slug}` },
    });
    expect(byType['guide.published']!.data).toEqual({ type: 'guide_chapter', id: chapterId, title: `${guide.title} — Phasen`, url: `http://praxis.test/guides/${guide.slug}/phasen` });
    const [{ courseTitle }] = await t.ctx.ds.query(`SELECT title AS "courseTitle" FROM academy_courses WHERE id = $1`, [course.id]);
    expect(byType['certificate.issued']!.data).toEqual({ type: 'certificate', course: { slug: course.slug, title: courseTitle, url: `http://praxis.test/academy/courses/${course.slug}` } });
    for (const { r, msg } of got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(Object.keys(msg)).toEqual(['type', 'timestamp', 'data']);
      expect(Number.isNaN(Date.parse(msg.timestamp))).toBe(false);
    }
    expect(got).toHaveLength(7);

    // The endpoint that asked for network content also gets the members' thread.
    const netTitles = receiver.at('/ok-network').map((r) => verified(net.secret, r)).map((m) => m.data.title);
    expect(netTitles.sort()).toEqual(['Interne Frage zum Bürgerhaushalt', 'Öffentliche Frage zum Bürgerhaushalt']);

    // Published again (a duplicate event, another worker run): no second delivery.
    await t.drain();
    expect(receiver.at('/ok-kinds')).toHaveLength(7);
    expect((await deliveriesOf(pub.id)).every((d: { status: string; attempts: number }) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);

    // The log shows each attempt with status and response time.
    const log = await a.get(`/admin/webhooks/${pub.id}`);
    const rows = elements(parseHtml(log.text), 'tr').filter((tr) => tr.attribs['data-delivery']);
    expect(rows).toHaveLength(7);
    expect(textOf(rows[0]!)).toContain('Zugestellt');
    expect(textOf(rows[0]!)).toMatch(/200.*\d+ ms/s);
  });

  it('when the receiver answers 500, then the delivery is retried after the wait with the same webhook-id and a fresh signature, and succeeds', async () => {
    const { id, secret } = await register('/flaky', ['thread.created']);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const cat = await createCategory(t.ctx.ds, { isPublic: true });
    await b.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Wackelige Verbindung heute', body: 'Test', checked: '1' }, '/forum/new');
    await t.drain();
    expect(receiver.at('/flaky')).toHaveLength(1);
    const [pending] = await deliveriesOf(id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    const [retry] = await t.ctx.ds.query(`SELECT available_at - created_at AS wait FROM outbox WHERE topic = 'webhooks.deliver' AND payload->>'deliveryId' = $1 AND payload->>'attempt' = '2'`, [pending.id]);
    expect(retry.wait.seconds).toBe(5);
    await t.drain();
    expect(receiver.at('/flaky')).toHaveLength(1); // not yet due
    await retriesDue();
    await t.drain();
    const [first, second] = receiver.at('/flaky');
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(verified(secret, second!).data.title).toBe('Wackelige Verbindung heute');
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    const attempts = await t.ctx.ds.query(`SELECT attempt, status_code AS "statusCode", error, response_body AS body FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt`, [pending.id]);
    expect(attempts.map((x: { attempt: number; statusCode: number }) => [x.attempt, x.statusCode])).toEqual([[1, 500], [2, 200]]);
    expect(attempts[0].error).toBe('HTTP 500');
    expect(Buffer.byteLength(attempts[0].body)).toBeLessThanOrEqual(1024);
    expect(attempts[0].body).toMatch(/^kaputt !!!/);
    expect((await endpoint(id)).consecutive_failures).toBe(0);
  });

  it('when an endpoint keeps failing, then after 3 failures in a row (WEBHOOKS_DISABLE_AFTER_FAILURES) it is disabled, every admin is notified, and nothing more is sent', async () => {
    const { id } = await register('/fail', ['thread.created']);
    const otherAdmin = await createUser(t.ctx.ds, { role: 'admin', totpSecret: generateTotpSecret() });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const cat = await createCategory(t.ctx.ds, { isPublic: true });
    await b.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Erster Versuch ins Leere', body: 'Test', checked: '1' }, '/forum/new');
    await t.drain();
    await retriesDue();
    await t.drain();
    expect((await endpoint(id)).enabled).toBe(true);
    await retriesDue();
    await t.drain();
    expect(receiver.at('/fail')).toHaveLength(3);
    expect(await endpoint(id)).toMatchObject({ enabled: false, disabled_reason: 'failures', consecutive_failures: 3 });
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3 });
    for (const who of [admin.id, otherAdmin.id]) {
      const notes = await t.ctx.ds.query(`SELECT kind, url, vars FROM notifications WHERE user_id = $1 AND subject_type = 'webhook_endpoint' AND subject_id = $2`, [who, String(id)]);
      expect(notes).toEqual([{ kind: 'webhooks.disabled', url: `/admin/webhooks/${id}`, vars: { failures: 3 } }]);
    }
    expect((await auditOf(id)).map((e: { action: string }) => e.action)).toEqual(['webhook.created', 'webhook.disabled_failures']);
    const page = await a.get('/notifications');
    expect(page.text).toContain('nach 3 Fehlversuchen in Folge deaktiviert');
    expect((await a.get(`/admin/webhooks/${id}`)).text).toContain('Nach wiederholten Fehlern deaktiviert');

    // A disabled endpoint gets no new deliveries.
    await b.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Zweiter Versuch ins Leere', body: 'Test', checked: '1' }, '/forum/new');
    await t.drain();
    await retriesDue();
    await t.drain();
    expect(receiver.at('/fail')).toHaveLength(3);
    expect(await deliveriesOf(id)).toHaveLength(1);
  });

  it('when one delivery has failed for 24 hours, then it is given up and the endpoint disabled, even before the failure count is reached', async () => {
    const { id } = await register('/fail-day', ['thread.created']);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const cat = await createCategory(t.ctx.ds, { isPublic: true });
    await b.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Ein ganzer Tag ohne Antwort', body: 'Test', checked: '1' }, '/forum/new');
    await t.drain();
    expect((await endpoint(id)).consecutive_failures).toBe(1);
    // The first attempt was a day and an hour ago: the next failure is the last.
    await t.ctx.ds.query(`UPDATE webhook_deliveries SET first_attempt_at = now() - interval '25 hours' WHERE endpoint_id = $1`, [id]);
    await retriesDue();
    await t.drain();
    expect(receiver.at('/fail-day')).toHaveLength(2);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await endpoint(id)).toMatchObject({ enabled: false, disabled_reason: 'failures', consecutive_failures: 2 });
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'webhooks.deliver' AND processed_at IS NULL AND payload->>'deliveryId' = $1`, [String((await deliveriesOf(id))[0].id)]);
    expect(n).toBe(0);
    expect(await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 AND subject_type = 'webhook_endpoint' AND subject_id = $2`, [admin.id, String(id)])).toEqual([{ kind: 'webhooks.disabled' }]);
  });

  it('when the receiver never answers, then the attempt ends after 5 s as a timeout in the log (a test event: not retried, not counted against the endpoint)', async () => {
    const { id } = await register('/hang', ['thread.created']);
    await a.post(`/admin/webhooks/${id}/test`, {}, `/admin/webhooks/${id}`);
    const started = Date.now();
    await t.drain();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(15_000);
    expect(receiver.at('/hang')).toHaveLength(1);
    const [attempt] = await t.ctx.ds.query(`SELECT a.status_code AS "statusCode", a.error, a.response_ms AS ms FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`, [id]);
    expect(attempt).toMatchObject({ statusCode: null, error: 'timeout after 5000 ms' });
    expect(attempt.ms).toBeGreaterThanOrEqual(4900);
    // A test event is not retried and does not count against the endpoint.
    expect((await deliveriesOf(id))[0]).toMatchObject({ type: 'webhook.test', status: 'failed', attempts: 1 });
    expect((await endpoint(id)).consecutive_failures).toBe(0);
  }, 30_000);
});
