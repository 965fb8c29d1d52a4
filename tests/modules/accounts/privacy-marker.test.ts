// GDPR Art. 15, 17, 20 end to end: a member registers, writes a marker into every field they can
// write (through the real forms), downloads their data, and deletes the account. Then every text,
// JSON, array and tsvector column of every table (the search index and its lexicon included) is
// searched for the markers: only the places README "Privacy" names may still hold them — the kept
// contributions when the member keeps them, nothing but the outbox's sent e-mails when they remove them.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { linkIn, outboxFor } from '../../support/db.js';
import { createAdministration, createUser, PASSWORD, type TestUser } from '../../support/factories.js';
import { createCategory } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { CORE, createUseCase } from '../../support/usecases-factories.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

/** Every field a member can write, each with its own marker (letters and digits: never stemmed, one search word). */
const FIELDS = [
  'name', 'handle', 'email', 'organization', 'jobTitle', 'department', 'bio',
  'threadTitle', 'threadBody', 'threadEdit', 'tag', 'thread2Title', 'thread2Body',
  'replyBody', 'replyEdit', 'reply2Body', 'flagText',
  'ucTitle', 'ucSummary', 'ucDepartmentOther', 'ucCouncil', 'ucNarrative', 'ucEdit',
  'comment', 'commentFlag', 'adoptionNote', 'fileName', 'fileDescription',
  'quizAnswer', 'feedbackName', 'feedbackPage', 'feedbackMessage',
  'videoComment', 'videoCommentFlag',
] as const;
type Field = (typeof FIELDS)[number];

/** Where kept contributions may stay when the member keeps them (README "Privacy"). */
const THREADS: Field[] = ['threadTitle', 'threadBody', 'threadEdit', 'tag', 'thread2Title', 'thread2Body'];
const REPLIES: Field[] = ['replyBody', 'replyEdit', 'reply2Body'];
const CASE: Field[] = ['ucTitle', 'ucSummary', 'ucDepartmentOther', 'ucCouncil', 'ucNarrative', 'ucEdit'];
const SEARCHABLE: Field[] = [...THREADS, ...REPLIES, 'ucTitle', 'ucSummary', 'ucNarrative', 'ucEdit'];
const KEPT: Record<string, Field[]> = {
  'forum_threads.title': ['threadTitle', 'thread2Title'],
  'forum_threads.slug': ['threadTitle', 'thread2Title'],
  'forum_threads.body_source': ['threadBody', 'threadEdit', 'thread2Body'],
  'forum_threads.body_html': ['threadBody', 'threadEdit', 'thread2Body'],
  'forum_revisions.title': ['threadTitle', 'thread2Title'],
  'forum_revisions.body_source': ['threadBody', 'threadEdit', 'thread2Body', ...REPLIES],
  'forum_replies.body_source': REPLIES,
  'forum_replies.body_html': REPLIES,
  'forum_tags.name': ['tag'],
  'forum_flags.text': ['flagText'],
  // Others' notifications name the thread they are about, and link to it.
  'notifications.title': ['threadTitle'],
  'notifications.url': ['threadTitle'],
  'use_cases.title': ['ucTitle', 'ucEdit'],
  'use_cases.slug': ['ucTitle'],
  'use_cases.summary': ['ucSummary'],
  'use_cases.department_other': ['ucDepartmentOther'],
  'use_cases.council_decision': ['ucCouncil'],
  'use_cases.narrative': ['ucNarrative'],
  'use_cases.narrative_html': ['ucNarrative'],
  'use_case_revisions.snapshot': CASE,
  'use_case_revisions.diff': CASE,
  'use_case_comments.body_source': ['comment'],
  'use_case_comments.body_html': ['comment'],
  'use_case_comment_flags.reason': ['commentFlag'],
  'use_case_adoptions.note': ['adoptionNote'],
  'use_case_attachments.filename': ['fileName'],
  'use_case_attachments.description': ['fileDescription'],
  'media_video_comments.body': ['videoComment'],
  'media_video_comments.body_html': ['videoComment'],
  'media_video_comment_flags.reason': ['videoCommentFlag'],
  'feedback.page': ['feedbackPage'],
  'feedback.message': ['feedbackMessage'],
  'search_documents.title': ['threadTitle', 'thread2Title', 'ucTitle', 'ucEdit'],
  'search_documents.url': ['threadTitle', 'thread2Title', 'ucTitle'],
  'search_documents.body': SEARCHABLE,
  'search_documents.tags': ['tag'],
  'search_documents.title_tsv': SEARCHABLE,
  'search_documents.tsv': SEARCHABLE,
  'search_lexicon.word': SEARCHABLE,
  'search_lexicon.display': SEARCHABLE,
};
/** In both variants: e-mails already sent stay in the outbox log until OUTBOX_KEEP_DAYS — the goodbye
 * message to the member's address, the accessibility feedback mailed to the facilitators, and the
 * notification e-mail another member got about the member's thread (its title and the member's name),
 * sent before the deletion. Nothing else: the batching rows of "e-mail at once" name a thread by an
 * MD5 of its address, never by its slug. */
const ALWAYS: Record<string, Field[]> = {
  'outbox.payload': ['email', 'name', 'feedbackName', 'feedbackPage', 'feedbackMessage', 'threadTitle'],
  'outbox.key': ['email'],
  // Likewise what webhooks sent (or queued) to an administration's other systems before the deletion:
  // the delivery log keeps the body as signed for 30 days (only where an endpoint subscribed; the
  // shared test database may hold one from another test file). It names no member.
  'webhook_deliveries.body': ['threadTitle', 'thread2Title', 'ucTitle'],
};

type Found = Map<string, Set<Field>>;

/** Every marker of `base` in every text-like column of every table, by `table.column`. */
async function scan(ds: DataSource, base: string, markers: Record<Field, string>): Promise<Found> {
  const byMarker = new Map(Object.entries(markers).map(([f, m]) => [m, f as Field]));
  const columns: { table: string; column: string }[] = await ds.query(
    `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'tsvector'))`);
  const found: Found = new Map();
  for (const { table, column } of columns) {
    const rows: { v: string }[] = await ds.query(
      `SELECT "${column}"::text AS v FROM "${table}" WHERE "${column}"::text ILIKE $1`, [`%${base}%`]).catch(() => []);
    for (const { v } of rows) {
      for (const m of v.toLowerCase().match(new RegExp(`${base}x\\d\\d`, 'g')) ?? []) {
        const field = byMarker.get(m);
        if (!field) continue;
        const key = `${table}.${column}`;
        found.set(key, (found.get(key) ?? new Set()).add(field));
      }
    }
  }
  return found;
}

function unexpected(found: Found, allowed: Record<string, Field[]>): string[] {
  const out: string[] = [];
  for (const [col, fields] of found) for (const f of fields) if (!allowed[col]?.includes(f)) out.push(`${col}: ${f}`);
  return out.sort();
}

// About 70 requests per scenario: minutes, not seconds, on a loaded two-core machine.
const SCENARIO_MS = 240_000;

describe('privacy: a member writes a marker everywhere, downloads it all, deletes the account', () => {
  // The default layout: uploads under a `.data` directory.
  const uploadDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-privacy-')), '.data', 'uploads');
  const t = useTestApp({ UPLOAD_DIR: uploadDir });

  /** Registers and fills every field; returns the member, their browser and what was written where. */
  async function memberWritingEverywhere() {
    const ds = t.ctx.ds;
    const base = `zq${randomBytes(4).toString('hex')}`;
    const markers = Object.fromEntries(FIELDS.map((f, i) => [f, `${base}x${String(i).padStart(2, '0')}`])) as Record<Field, string>;
    const adm = await createAdministration(ds);
    const otherAdm = await createAdministration(ds);
    const colleague = await createUser(ds, { administrationId: adm.id });
    const outsider = await createUser(ds, { administrationId: otherAdm.id });
    const email = `${markers.email}@${adm.domain}`;

    // Registration (the organisation field) and confirmation.
    const visitor = new Browser(t.app);
    expect((await visitor.post('/register', {
      name: `Erika ${markers.name}`, handle: markers.handle, email, password: PASSWORD, organization: `Amt ${markers.organization}`,
      language: 'de', consent: 'yes',
    }, '/register')).status).toBe(303);
    await t.drain(); // the worker finishes the registration and queues the confirmation
    const [confirm] = await outboxFor(ds, email);
    expect((await visitor.get(linkIn(confirm!.text, '/register/confirm'))).status).toBe(200);
    const [row] = await ds.query(`SELECT id, status FROM users WHERE email = $1`, [email]);
    expect(row.status).toBe('active');
    const me: TestUser = { id: row.id, email, handle: markers.handle, name: `Erika ${markers.name}`, role: 'member', password: PASSWORD, administrationId: adm.id };
    const b = await signedIn(t.app, me);
    const ok = async (res: Promise<{ status: number; headers: Record<string, string> }>) => {
      const r = await res;
      expect(r.status).toBe(303);
      return r.headers.location!;
    };

    // Profile.
    await ok(b.post('/me/profile', { name: me.name, jobTitle: markers.jobTitle, department: markers.department, language: 'de', bio: `Über mich ${markers.bio}` }));

    // Forum: two threads (one edited, tagged, mentioning a colleague), replies (one edited, one answered), a vote, a flag, a follow, a read mark.
    const category = await createCategory(ds);
    const nb = await signedIn(t.app, colleague);
    const threadUrl = await ok(b.post('/forum/new', {
      categoryId: String(category.id), kind: 'question', title: `Frage ${markers.threadTitle} zur Beteiligung`,
      body: `Wie macht ihr ${markers.threadBody}, @${colleague.handle}?`, tags: markers.tag, action: 'post', checked: '1',
    }));
    const threadId = Number(threadUrl.match(/threads\/(\d+)/)![1]);
    await ok(b.post(`/forum/threads/${threadId}/edit`, {
      title: `Frage ${markers.threadTitle} zur Beteiligung`, body: `Wie macht ihr ${markers.threadBody} und ${markers.threadEdit}?`, tags: markers.tag,
    }));
    await ok(b.post('/forum/new', {
      categoryId: String(category.id), kind: 'discussion', title: `Zweite ${markers.thread2Title} Diskussion`, body: `Text ${markers.thread2Body}`,
      action: 'post', checked: '1',
    }));
    // Someone watches the first thread (and is told about replies); the colleague answers it and mentions the member.
    await (await signedIn(t.app, outsider)).post('/forum/follow', { targetType: 'thread', targetId: String(threadId), level: 'watching' });
    await ok(nb.post(`/forum/threads/${threadId}/replies`, { body: `Gute Frage, @${me.handle}! So machen wir das.` }));
    const otherThread = await ok(nb.post('/forum/new', {
      categoryId: String(category.id), kind: 'question', title: 'Wie plant ihr den Haushalt mit Beteiligung?', body: 'Erfahrungen gesucht.',
      action: 'post', checked: '1',
    }));
    const otherThreadId = Number(otherThread.match(/threads\/(\d+)/)![1]);
    const reply1 = Number((await ok(b.post(`/forum/threads/${otherThreadId}/replies`, { body: `Bei uns ${markers.replyBody}.` }))).match(/reply-(\d+)/)![1]);
    await ok(b.post(`/forum/replies/${reply1}/edit`, { body: `Bei uns ${markers.replyBody} und ${markers.replyEdit}.` }));
    await ok(b.post(`/forum/threads/${otherThreadId}/replies`, { body: `Nachtrag ${markers.reply2Body}.` }));
    const colleagueReply = Number((await ok(nb.post(`/forum/threads/${otherThreadId}/replies`, { body: 'Danke für die Antwort.', parentId: String(reply1) }))).match(/reply-(\d+)/)![1]);
    await ok(b.post(`/forum/replies/${colleagueReply}/vote`));
    await ok(b.post(`/forum/threads/${otherThreadId}/flag`, { reason: 'other', text: `Bitte prüfen ${markers.flagText}` }));
    await ok(b.post('/forum/follow', { targetType: 'category', targetId: String(category.id), level: 'watching' }));
    expect((await b.get(`/forum/threads/${otherThreadId}`)).status).toBeLessThan(400);

    // Use cases: a case through every step, published and edited (revisions), a contact, an attachment;
    // a comment, a flag and an adoption on another administration's case; editor of a colleague's case.
    const created = await ok(b.post('/use-cases', {
      ...CORE, title: `Beispiel ${markers.ucTitle} Budget`, summary: `Zusammenfassung ${markers.ucSummary} für den Test.`,
      departmentOther: markers.ucDepartmentOther,
    }));
    const slug = created.match(/^\/use-cases\/([^/]+)\/edit\/details$/)![1]!;
    await ok(b.post(`/use-cases/${slug}/edit/details`, { councilDecision: `Beschluss ${markers.ucCouncil}`, language: 'de', visibility: 'network' }));
    await ok(b.post(`/use-cases/${slug}/edit/narrative`, Object.fromEntries(
      ['situation', 'goal', 'process', 'involved', 'results', 'worked', 'notWorked', 'transferability', 'links'].map((s) => [s, `${s} ${markers.ucNarrative}`]))));
    await ok(b.post(`/use-cases/${slug}/edit/publish`, { publish: 'publish' }));
    await ok(b.post(`/use-cases/${slug}/edit/core`, {
      ...CORE, title: `Beispiel ${markers.ucTitle} Budget ${markers.ucEdit}`, summary: `Zusammenfassung ${markers.ucSummary} für den Test.`,
      departmentOther: markers.ucDepartmentOther,
    }));
    await ok(b.post(`/use-cases/${slug}/contacts`, { contact: me.handle }));
    const token = csrfIn((await b.get(`/use-cases/${slug}`)).text);
    expect((await b.agent.post(`/use-cases/${slug}/attachments?_csrf=${encodeURIComponent(token)}`)
      .field('licence', 'CC-BY-4.0').field('description', `Vorlage ${markers.fileDescription}`)
      .attach('file', PDF, `${markers.fileName}.pdf`)).status).toBe(303);
    const [file] = await ds.query(`SELECT storage_key FROM use_case_attachments WHERE filename LIKE $1`, [`%${markers.fileName}%`]);
    const filePath = path.join(uploadDir, 'usecases', file.storage_key);
    expect(existsSync(filePath)).toBe(true);
    const theirs = await createUseCase(ds, { administrationId: otherAdm.id, createdById: outsider.id });
    const [theirComment] = await ds.query(
      `INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'Ihr Kommentar', '<p>Ihr Kommentar</p>') RETURNING id`,
      [theirs.id, outsider.id]);
    await ok(b.post(`/use-cases/${theirs.slug}/comments`, { body: `Kommentar ${markers.comment}` }));
    await ok(b.post(`/use-cases/${theirs.slug}/comments/${theirComment.id}/flag`, { reason: `Meldung ${markers.commentFlag}` }));
    await ok(b.post(`/use-cases/${theirs.slug}/adoption`, { status: 'interested', note: `Notiz ${markers.adoptionNote}` }));
    const colleagues = await createUseCase(ds, { administrationId: adm.id, createdById: colleague.id });
    await ds.query(`INSERT INTO use_case_editors (use_case_id, user_id, added_by_id) VALUES ($1, $2, $3)`, [colleagues.id, me.id, colleague.id]);

    // Academy: an attempt with a free-text answer, passed, so a certificate and badge are issued.
    const quiz = await createQuiz(ds, { passMark: 0, gift: 'Wie heißt Ihr Lieblingsverfahren? {=Bürgerhaushalt =Beteiligungshaushalt}' });
    await createCourse(ds, [quiz.slug]);
    const attemptId = Number((await ok(b.post(`/academy/quizzes/${quiz.slug}/attempts`))).match(/attempts\/(\d+)/)![1]);
    const [question] = await ds.query(`SELECT id FROM academy_questions WHERE quiz_id = $1`, [quiz.id]);
    await ok(b.post(`/academy/attempts/${attemptId}/pages/1`, { [`q${question.id}`]: `Antwort ${markers.quizAnswer}`, nav: 'review' }));
    await ok(b.post(`/academy/attempts/${attemptId}/submit`));
    expect(await ds.query(`SELECT 1 FROM academy_certificates WHERE user_id = $1`, [me.id])).toHaveLength(1);

    // Guides: a read mark. Accessibility feedback with name, e-mail, page and message.
    const guide = await createGuide(ds);
    await ok(b.post(`/guides/${guide.slug}/einstieg/read`));
    await ok(b.post('/barrierefreiheit', {
      name: `Erika ${markers.feedbackName}`, email, page: `/seite-${markers.feedbackPage}`, message: `Der Kontrast ${markers.feedbackMessage} ist zu schwach.`,
    }));

    // Media: a timed comment on a published training video of the guide, and a flag on someone else's comment there.
    const [chapter] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guide.id]);
    const [video] = await ds.query(
      `INSERT INTO media_videos (chapter_id, kind, title, storage_key, content_type, status, duration_ms, published_at)
       VALUES ($1, 'upload', 'Schulungsvideo', $2, 'video/webm', 'ready', 600000, now()) RETURNING id`, [chapter.id, `${randomBytes(8).toString('hex')}.webm`]);
    const [theirVideoComment] = await ds.query(
      `INSERT INTO media_video_comments (video_id, author_id, at_ms, body, body_html) VALUES ($1, $2, 1000, 'Ihr Kommentar', '<p>Ihr Kommentar</p>') RETURNING id`, [video.id, outsider.id]);
    await ok(b.post(`/media/videos/${video.id}/comments`, { at: '0:42', body: `Frage ${markers.videoComment} zur Stelle` }));
    await ok(b.post(`/media/comments/${theirVideoComment.id}/flag`, { reason: `Meldung ${markers.videoCommentFlag}` }));

    await t.drain();
    return { b, me, base, markers, threadId, otherThreadId, slug, filePath, outsider };
  }

  it('when the member downloads their data, then every field they wrote is in it', async () => {
    const { b, markers } = await memberWritingEverywhere();
    const res = await b.get('/me/export');
    expect(res.status).toBe(200);
    const missing = FIELDS.filter((f) => !res.text.includes(markers[f]));
    expect(missing).toEqual([]);
  }, SCENARIO_MS);

  it('when the member deletes the account keeping contributions, then only the kept contributions still hold their markers', async () => {
    const { b, me, base, markers, filePath } = await memberWritingEverywhere();
    expect((await b.post('/me/delete', { password: me.password, confirm: 'DELETE', contributions: 'keep' }, '/me/delete')).status).toBe(200);
    await t.drain();

    const found = await scan(t.ctx.ds, base, markers);
    expect(unexpected(found, { ...KEPT, ...ALWAYS })).toEqual([]);
    // The test sees the kept contributions (it is not blind), but nothing that identifies the member.
    expect([...(found.get('forum_threads.title') ?? [])]).toEqual(expect.arrayContaining(['threadTitle', 'thread2Title']));
    expect([...(found.get('search_lexicon.word') ?? [])]).toEqual(expect.arrayContaining(['threadBody', 'replyBody']));
    expect([...(found.get('use_case_adoptions.note') ?? [])]).toEqual(['adoptionNote']);
    expect(existsSync(filePath)).toBe(true);
    for (const f of ['handle', 'organization', 'jobTitle', 'department', 'bio', 'quizAnswer'] as Field[]) {
      expect([...found].filter(([, fields]) => fields.has(f)).map(([col]) => col)).toEqual([]);
    }
  }, SCENARIO_MS);

  it('when the member deletes the account removing contributions, then no marker is left but the sent e-mails in the outbox', async () => {
    const { b, me, base, markers, threadId, filePath, outsider } = await memberWritingEverywhere();
    expect((await b.post('/me/delete', { password: me.password, confirm: 'DELETE', contributions: 'remove' }, '/me/delete')).status).toBe(200);
    await t.drain();

    const found = await scan(t.ctx.ds, base, markers);
    expect(unexpected(found, ALWAYS)).toEqual([]);
    // The uploaded file is gone from disk too; the thread others answered stays for their reply.
    expect(existsSync(filePath)).toBe(false);
    const [shell] = await t.ctx.ds.query(`SELECT title, body_source, removed_at FROM forum_threads WHERE id = $1`, [threadId]);
    expect(shell).toMatchObject({ title: 'Auf Wunsch der Autorin oder des Autors entfernt', body_source: '' });
    expect(shell.removed_at).not.toBeNull();
    expect(await t.ctx.ds.query(`SELECT 1 FROM forum_replies WHERE thread_id = $1`, [threadId])).toHaveLength(1);
    // Whoever watched it was told about the reply: that notification now shows the new title and address.
    const told = await t.ctx.ds.query(`SELECT title, url FROM notifications WHERE user_id = $1 AND kind = 'forum.reply'`, [outsider.id]);
    expect(told).toEqual([{ title: shell.title, url: expect.stringMatching(new RegExp(`^/forum/threads/${threadId}-auf-wunsch-der-autorin-oder-des-autors-entfernt#reply-\\d+$`)) }]);
  }, SCENARIO_MS);
});
