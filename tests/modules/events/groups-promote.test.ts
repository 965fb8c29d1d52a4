import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createGroup, createPublication, groupState } from '../../support/groups-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { ROLES, type RoleName } from './results-support.js';

/** Everything a promotion could change: the guide (revisions, chapters), the group and its publications, the audit log. */
async function state(ds: DataSource, guideId: number, groupId: number): Promise<unknown> {
  const [guide] = await ds.query(
    `SELECT row_to_json(g) AS guide,
            (SELECT count(*)::int FROM guide_revisions WHERE guide_id = g.id) AS revisions,
            (SELECT coalesce(json_agg(c ORDER BY c.id), '[]') FROM guide_chapters c WHERE c.guide_id = g.id) AS chapters
       FROM guides g WHERE g.id = $1`, [guideId]);
  const [{ audit }] = await ds.query(`SELECT count(*)::int AS audit FROM audit_log WHERE action = 'group_publication.promoted'`);
  return { guide, group: await groupState(ds, groupId), audit };
}

describe('working groups: promote a published publication to a guide chapter', () => {
  const t = useTestApp();

  /** A group with a lead and a member, a publication, and one person of each role. */
  async function cast(status: 'draft' | 'in_review' | 'published' = 'published') {
    const groupMember = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [groupMember] });
    const pub = await createPublication(t.ctx.ds, g.id, groupMember, { status, body: '## Ergebnis\n\nDer Quartiersrat bewährt sich.' });
    const users = {
      member: await createUser(t.ctx.ds), groupMember, lead: g.lead,
      facilitator: await createUser(t.ctx.ds, { role: 'facilitator' }), admin: await createUser(t.ctx.ds, { role: 'admin' }),
    };
    const as = async (role: RoleName): Promise<Browser> => (role === 'visitor' ? new Browser(t.app) : signedIn(t.app, users[role]));
    return { g, pub, users, as, url: `/groups/${g.slug}/publications/${pub.slug}` };
  }

  it('when a facilitator promotes a published publication to a new chapter and another approves it, then the chapter cites the publication and the publication says "now part of the guide"', async () => {
    const c = await cast();
    const g = await createGuide(t.ctx.ds);
    const f = await c.as('facilitator');
    const page = await f.get(c.url);
    expect(page.text).toContain(`href="${c.url}/promote"`);
    expect(page.text).not.toContain('Jetzt Teil des Leitfadens');
    const form = await f.get(`${c.url}/promote`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`action="${c.url}/promote"`);
    expect(form.text).toContain('Der Quartiersrat bewährt sich.</textarea>');
    expect(form.text).toContain(`${g.title} › Planung`);
    const res = await f.post(`${c.url}/promote`,
      { guideId: String(g.id), chapterId: '', newChapterTitle: 'Erfahrungen aus dem Arbeitskreis', markdown: 'Der Quartiersrat bewährt sich (gekürzt).' }, `${c.url}/promote`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/guides/${g.slug}/review`);
    const [rev] = await t.ctx.ds.query(`SELECT id, origin, status, message FROM guide_revisions WHERE guide_id = $1 ORDER BY id DESC LIMIT 1`, [g.id]);
    expect(rev).toMatchObject({ origin: 'promote', status: 'pending', message: `Aus dem Arbeitskreis übernommen: ${c.pub.title}` });
    const audit = await t.ctx.ds.query(`SELECT actor_id AS "actorId", subject_type AS "subjectType", details FROM audit_log WHERE action = 'group_publication.promoted' AND subject_id = $1`, [String(c.pub.id)]);
    expect(audit).toEqual([{ actorId: c.users.facilitator.id, subjectType: 'group_publication', details: { guideSlug: g.slug, revisionId: rev.id } }]);
    // Before the review the chapter is not part of the published guide: no "now part of" yet.
    expect((await f.get(c.url)).text).not.toContain('Jetzt Teil des Leitfadens');

    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(rev.id) }, `/guides/${g.slug}/review`)).status).toBe(303);
    const [chapter] = await t.ctx.ds.query(
      `SELECT source_url AS "sourceUrl", source_title AS "sourceTitle", body_source AS source FROM guide_chapters WHERE guide_id = $1 AND slug = 'erfahrungen-aus-dem-arbeitskreis'`, [g.id]);
    expect(chapter).toMatchObject({ sourceUrl: c.url, sourceTitle: c.pub.title });
    expect(chapter.source).toContain('(gekürzt)');
    expect((await (await c.as('visitor')).get(`/guides/${g.slug}/erfahrungen-aus-dem-arbeitskreis`)).text).toContain(`href="${c.url}"`);
    const after = await (await c.as('member')).get(c.url);
    expect(after.text).toContain('Jetzt Teil des Leitfadens');
    expect(after.text).toContain(`href="/guides/${g.slug}/erfahrungen-aus-dem-arbeitskreis"`);
    expect(after.text).not.toContain(`${c.url}/promote`);
  });

  it('when a facilitator appends a publication to an existing chapter, then the chapter keeps its text, gains the publication\'s and cites it after the review', async () => {
    const c = await cast();
    const g = await createGuide(t.ctx.ds);
    const [planung] = await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [g.id]);
    const res = await (await c.as('admin')).post(`${c.url}/promote`, { guideId: String(g.id), chapterId: String(planung.id), newChapterTitle: '', markdown: 'Angehängt aus dem Arbeitskreis.' });
    expect(res.status).toBe(303);
    const [rev] = await t.ctx.ds.query(`SELECT id FROM guide_revisions WHERE guide_id = $1 AND origin = 'promote'`, [g.id]);
    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(rev.id) }, `/guides/${g.slug}/review`)).status).toBe(303);
    const [chapter] = await t.ctx.ds.query(`SELECT source_url AS "sourceUrl", body_source AS source FROM guide_chapters WHERE id = $1`, [planung.id]);
    expect(chapter.sourceUrl).toBe(c.url);
    expect(chapter.source).toContain('Zweiter Text zur Planung.');
    expect(chapter.source).toContain('Angehängt aus dem Arbeitskreis.');
  });

  it.each(ROLES)('when a %s promotes a published publication, then only facilitators (and admins) may; a refusal changes neither the guide nor the group', async (role) => {
    const c = await cast();
    const g = await createGuide(t.ctx.ds);
    const before = await state(t.ctx.ds, g.id, c.g.id);
    const b = await c.as(role);
    const res = await b.post(`${c.url}/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Text' });
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 403, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    if (expected !== 303) {
      expect(await state(t.ctx.ds, g.id, c.g.id)).toEqual(before);
      if (role !== 'visitor') {
        expect((await b.get(c.url)).text).not.toContain(`${c.url}/promote`);
        expect((await b.get(`${c.url}/promote`)).status).toBe(403);
      }
    } else {
      expect(await t.ctx.ds.query(`SELECT status FROM guide_revisions WHERE guide_id = $1 AND origin = 'promote'`, [g.id])).toEqual([{ status: 'pending' }]);
      expect(await t.ctx.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'group_publication.promoted' AND subject_id = $1`, [String(c.pub.id)])).toEqual([{ n: 1 }]);
    }
  });

  it.each(['draft', 'in_review'] as const)('when the publication is a %s, then there is no link, the form says why, and promoting is refused with 409, nothing changed', async (status) => {
    const c = await cast(status);
    const g = await createGuide(t.ctx.ds);
    const f = await c.as('facilitator');
    expect((await f.get(c.url)).text).not.toContain(`${c.url}/promote`);
    const form = await f.get(`${c.url}/promote`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Nur veröffentlichte Ergebnisse können in einen Leitfaden übernommen werden.');
    expect(form.text).not.toContain(`action="${c.url}/promote"`);
    const before = await state(t.ctx.ds, g.id, c.g.id);
    const res = await f.post(`${c.url}/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Text' });
    expect(res.status).toBe(409);
    expect(await state(t.ctx.ds, g.id, c.g.id)).toEqual(before);
    // Someone outside the group does not learn that the draft exists.
    expect((await (await c.as('member')).post(`${c.url}/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Text' })).status).toBe(404);
    expect(await state(t.ctx.ds, g.id, c.g.id)).toEqual(before);
  });

  it('when neither a chapter nor a title is given, then 422 with the text kept and nothing changed; an unknown guide is a 422 too', async () => {
    const c = await cast();
    const g = await createGuide(t.ctx.ds);
    const f = await c.as('facilitator');
    const before = await state(t.ctx.ds, g.id, c.g.id);
    const res = await f.post(`${c.url}/promote`, { guideId: String(g.id), chapterId: '', newChapterTitle: '', markdown: 'Mein Text bleibt stehen' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Wählen Sie ein Kapitel oder geben Sie einen Titel');
    expect(res.text).toContain('Mein Text bleibt stehen</textarea>');
    expect(res.text).toContain(`action="${c.url}/promote"`);
    const unknown = await f.post(`${c.url}/promote`, { guideId: '2147483647', chapterId: '', newChapterTitle: 'Neues Kapitel', markdown: 'Noch ein Text' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Noch ein Text</textarea>');
    expect(unknown.text).toContain('value="Neues Kapitel"');
    expect(await state(t.ctx.ds, g.id, c.g.id)).toEqual(before);
  });
});
