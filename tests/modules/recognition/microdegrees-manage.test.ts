// Micro-degrees defined by facilitators: the form (422 with the input kept and messages at the
// fields, nothing saved), refusals for members (403, nothing changed), create/edit/archive/restore
// with their audit entries. Every micro-degree here needs a badge of its own (a key no one else
// holds), so members of other test files never complete it.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { signedIn } from '../../support/agent.js';

const t = useTestApp();

const form = (o: Record<string, string | string[]> = {}) => ({
  title: `Micro-Degree ${uniq()}`, description: 'Für **alle**, die Beteiligung organisieren.', language: 'de', competences: ['methods-formats'],
  type1: 'badge', target1: uniq('only-'), count1: '', label1: '',
  type2: 'forum.answer_accepted', target2: '', count2: '5', label2: 'Angenommene Antworten',
  ...o,
});

const byTitle = async (title: string) => t.ctx.ds.query(`SELECT * FROM recognition_microdegrees WHERE title = $1`, [title]);
const auditOf = async (id: number) => (await t.ctx.ds.query(
  `SELECT action FROM audit_log WHERE subject_type = 'recognition_microdegree' AND subject_id = $1 ORDER BY id`, [String(id)])).map((r: { action: string }) => r.action);

describe('micro-degrees: the facilitators\' form', () => {
  it('when a facilitator creates one, then it is stored with its requirements, audited, and shown to members', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, f);
    const fields = form();
    const res = await b.post('/recognition/microdegrees', fields, '/recognition/microdegrees/new');
    expect(res.status).toBe(303);
    const [row] = await byTitle(fields.title as string);
    expect(res.headers.location).toBe(`/recognition/microdegrees/${row.slug}`);
    expect(row.requirements).toEqual([{ type: 'badge', key: fields.target1 }, { type: 'contributions', kind: 'forum.answer_accepted', count: 5, label: 'Angenommene Antworten' }]);
    expect(row.competences).toEqual(['methods-formats']);
    expect(row.description_html).toContain('<strong>alle</strong>');
    expect(row.created_by).toBe(f.id);
    expect(await auditOf(row.id)).toEqual(['recognition.microdegree.create']);

    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const page = await member.get(`/recognition/microdegrees/${row.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Angenommene Antworten: 5');
    expect(page.text).toContain('0 von 5');
    expect((await member.get('/recognition/microdegrees')).text).toContain(fields.title);
  });

  it('when the form is wrong, then 422 shows it again with the input kept and a message at each field; nothing is saved', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, f);
    const title = `Fehlerhaft ${uniq()}`;
    const res = await b.post('/recognition/microdegrees', form({
      title, competences: [], type1: 'badge', target1: 'Kein Schlüssel', type2: '', target2: 'übrig', count2: '',
      type3: 'certificates', target3: 'kurs-a', count3: '2', type4: 'event.attended', count4: '0',
    }), '/recognition/microdegrees/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain(`value="${title}"`);
    expect(res.text).toContain('value="Kein Schlüssel"');
    for (const field of ['competences', 'target1', 'type2', 'count3', 'count4']) expect(res.text).toContain(`id="field-${field}-error"`);
    expect(res.text).toContain('Bitte wählen Sie mindestens ein Kompetenzfeld.');
    expect(res.text).toContain('Es können nicht mehr Zertifikate verlangt werden, als Kurse genannt sind.');
    expect(await byTitle(title)).toEqual([]);

    const none = await b.post('/recognition/microdegrees', form({ title, type1: '', target1: '', type2: '', count2: '', label2: '' }), '/recognition/microdegrees/new');
    expect(none.status).toBe(422);
    expect(none.text).toContain('Bitte geben Sie mindestens eine Anforderung an.');
    const unknown = await b.post('/recognition/microdegrees', form({ title, type3: 'certificates', target3: uniq('kein-kurs-'), count3: '1' }), '/recognition/microdegrees/new');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('id="field-target3-error"');
    expect(unknown.text).toContain('Einen der genannten Kurse gibt es nicht.');
    expect(await byTitle(title)).toEqual([]);

    // A short title and a wrong row: both messages at once.
    const both = await b.post('/recognition/microdegrees', form({ title: 'A', target1: 'Kein Schlüssel' }), '/recognition/microdegrees/new');
    expect(both.status).toBe(422);
    for (const field of ['title', 'target1']) expect(both.text).toContain(`id="field-${field}-error"`);
  });

  it('when an edit is refused, then the form shows what was sent: an unticked area stays unticked; nothing changes', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const fields = form({ competences: ['methods-formats', 'digital-tools'] });
    await b.post('/recognition/microdegrees', fields, '/recognition/microdegrees/new');
    const [before] = await byTitle(fields.title as string);
    const res = await b.post(`/recognition/microdegrees/${before.slug}/edit`, { ...fields, competences: ['digital-tools'], count2: 'viele' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-count2-error"');
    expect(res.text).toMatch(/id="field-competences-digital-tools"[^>]*checked/);
    expect(res.text).not.toMatch(/id="field-competences-methods-formats"[^>]*checked/);
    expect(await byTitle(fields.title as string)).toEqual([before]);
  });

  it('when the form is shown, then the hints above the requirement rows are tied to every target and label field', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const page = await b.get('/recognition/microdegrees/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="requirements-target-hint"');
    const described = (name: string) => [...page.text.matchAll(new RegExp(`name="${name}\\d"[^>]*`, 'g'))].map((m) => /aria-describedby="([^"]*)"/.exec(m[0])?.[1]?.trim());
    expect(described('target')).toEqual(Array(6).fill('requirements-target-hint'));
    expect(described('label')).toEqual(Array(6).fill('requirements-label-hint'));
  });

  it('when a member tries to create, edit or archive one, then 403 and nothing changes', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const fields = form();
    await (await signedIn(t.app, f)).post('/recognition/microdegrees', fields, '/recognition/microdegrees/new');
    const [before] = await byTitle(fields.title as string);
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    const title = `Von einem Mitglied ${uniq()}`;
    expect((await m.get('/recognition/microdegrees/manage')).status).toBe(403);
    expect((await m.get('/recognition/microdegrees/new')).status).toBe(403);
    expect((await m.post('/recognition/microdegrees', form({ title }))).status).toBe(403);
    expect((await m.post(`/recognition/microdegrees/${before.slug}/edit`, form({ title }))).status).toBe(403);
    expect((await m.post(`/recognition/microdegrees/${before.slug}/archive`, {})).status).toBe(403);
    expect(await byTitle(title)).toEqual([]);
    expect(await byTitle(fields.title as string)).toEqual([before]);
    expect(await auditOf(before.id)).toEqual(['recognition.microdegree.create']);
  });

  it('when a facilitator edits, archives and restores one, then the slug stays, members no longer see it while archived, and each step is audited', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, f);
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const fields = form();
    await b.post('/recognition/microdegrees', fields, '/recognition/microdegrees/new');
    const [row] = await byTitle(fields.title as string);
    const edit = await b.get(`/recognition/microdegrees/${row.slug}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain(`value="${fields.target1}"`);
    expect(edit.text).toContain('value="Angenommene Antworten"');

    const renamed = `Umbenannt ${uniq()}`;
    const saved = await b.post(`/recognition/microdegrees/${row.slug}/edit`, form({ title: renamed, target1: fields.target1 as string, type3: 'certificates', target3: course.slug, count3: '1' }));
    expect(saved.status).toBe(303);
    const [after] = await byTitle(renamed);
    expect(after.slug).toBe(row.slug);
    expect(after.requirements[2]).toEqual({ type: 'certificates', count: 1, courses: [course.slug] });
    const shown = await b.get(`/recognition/microdegrees/${row.slug}`);
    expect(shown.text).toContain(`href="/academy/courses/${course.slug}"`);

    expect((await b.post(`/recognition/microdegrees/${row.slug}/archive`, {})).status).toBe(303);
    const [archived] = await byTitle(renamed);
    expect(archived.archived_at).not.toBeNull();
    expect((await b.get('/recognition/microdegrees')).text).not.toContain(renamed);
    expect((await b.get('/recognition/microdegrees/manage')).text).toContain(renamed);
    expect((await b.get(`/recognition/microdegrees/${row.slug}`)).text).toContain('archiviert');
    expect((await b.post(`/recognition/microdegrees/${row.slug}/restore`, {})).status).toBe(303);
    expect((await byTitle(renamed))[0].archived_at).toBeNull();
    expect(await auditOf(row.id)).toEqual(['recognition.microdegree.create', 'recognition.microdegree.update', 'recognition.microdegree.archive', 'recognition.microdegree.restore']);
  });

  it('when two micro-degrees get the same title, then the second gets a slug of its own; "new" is never a slug', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const title = `Doppelt ${uniq()}`;
    const first = await b.post('/recognition/microdegrees', form({ title }), '/recognition/microdegrees/new');
    const second = await b.post('/recognition/microdegrees', form({ title }), '/recognition/microdegrees/new');
    expect(second.headers.location).toBe(`${first.headers.location}-2`);
    const reserved = await b.post('/recognition/microdegrees', form({ title: 'New' }), '/recognition/microdegrees/new');
    expect(reserved.headers.location).toMatch(/^\/recognition\/microdegrees\/new-\d+$/);
  });
});
