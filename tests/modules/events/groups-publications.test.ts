import { describe, expect, it } from '@jest/globals';
import { eventsModule } from '../../../src/modules/events/index.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createUser, uniq } from '../../support/factories.js';
import { auditCount, createGroup, groupState, notificationsOf } from '../../support/groups-factories.js';

describe('working groups: publications with review and revisions', () => {
  // A database of its own: its drain must not wait behind other files' queued jobs.
  const t = useTestApp(usePrivateDatabase());
  const pubRow = async (groupId: number) => (await t.ctx.ds.query(`SELECT * FROM group_publications WHERE group_id = $1`, [groupId]))[0];

  it('when a member writes, edits and submits a draft and a lead publishes it, then versions are kept, people are told and only then is it searchable', async () => {
    const word = uniq('Quartiersrat');
    const [writer, other] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const g = await createGroup(t.ctx.ds, { members: [writer, other] });
    const w = await signedIn(t.app, writer);
    const created = await w.post(`/groups/${g.slug}/publications`, { title: 'Was wir gelernt haben', body: `Der ${word} hilft.`, language: 'de' }, `/groups/${g.slug}/publications/new`);
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`/groups/${g.slug}/publications/was-wir-gelernt-haben`);
    const url = created.headers.location!;
    expect((await w.post(`${url}/edit`, { title: 'Was wir gelernt haben', body: `Der ${word} hilft sehr.`, language: 'de' }, `${url}/edit`)).status).toBe(303);
    let pub = await pubRow(g.id);
    expect(pub).toMatchObject({ status: 'draft', version: 2, author_id: writer.id, body_html: expect.stringContaining('hilft sehr') });
    expect(await t.ctx.ds.query(`SELECT version, author_id AS "by" FROM group_publication_revisions WHERE publication_id = $1 ORDER BY version`, [pub.id]))
      .toEqual([{ version: 1, by: writer.id }, { version: 2, by: writer.id }]);

    // A draft is never indexed: nothing queued, the source reports it gone, search does not find it.
    const queued = async () => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'group_result' AND (payload->>'id')::int = $1`, [pub.id]))[0].n;
    expect(await queued()).toBe(0);
    const source = eventsModule.searchSources!.group_result!;
    expect(await source(t.ctx.ds.manager, [pub.id])).toEqual([]);

    expect((await w.post(`${url}/submit`, {}, url)).status).toBe(303);
    expect((await pubRow(g.id)).status).toBe('in_review');
    expect(await notificationsOf(t.ctx.ds, g.lead.id, 'group.publicationSubmitted')).toBe(1);
    expect(await source(t.ctx.ds.manager, [pub.id])).toEqual([]);
    await t.drain();
    expect((await w.get(`/search?q=${word}`)).text).not.toContain(url);

    // Plain members do not publish; nothing changes.
    const before = await groupState(t.ctx.ds, g.id);
    expect((await w.post(`${url}/publish`, {}, url)).status).toBe(403);
    expect((await (await signedIn(t.app, other)).post(`${url}/return`, { comment: 'Bitte kürzen' }, url)).status).toBe(403);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);

    const l = await signedIn(t.app, g.lead);
    const page = await l.get(url);
    expect(page.text).toContain(`${url}/publish`);
    expect(page.text).toContain('Version 2');
    expect((await l.post(`${url}/publish`, {}, url)).status).toBe(303);
    pub = await pubRow(g.id);
    expect(pub).toMatchObject({ status: 'published', reviewed_by_id: g.lead.id, published_at: expect.any(Date) });
    expect(await notificationsOf(t.ctx.ds, writer.id, 'group.publicationPublished')).toBe(1);
    expect(await notificationsOf(t.ctx.ds, other.id, 'group.publicationPublished')).toBe(1);
    expect(await auditCount(t.ctx.ds, 'group_publication.published', pub.id)).toBe(1);
    expect(await queued()).toBe(1);
    expect(await source(t.ctx.ds.manager, [pub.id])).toEqual([expect.objectContaining({ type: 'group_result', visibility: 'network', url })]);
    await t.drain();
    const found = await (await signedIn(t.app, await createUser(t.ctx.ds))).get(`/search?q=${word}`);
    expect(found.text).toContain(url);
    expect(found.text).toContain('Ergebnis eines Arbeitskreises');
    // Publishing twice is a conflict.
    expect((await l.post(`${url}/publish`, {}, url)).status).toBe(409);
  });

  it('when a lead returns a submitted draft with a comment, then it is a draft again with the comment and the author is told; an empty comment is 422 with nothing changed', async () => {
    const writer = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [writer] });
    const w = await signedIn(t.app, writer);
    const url = (await w.post(`/groups/${g.slug}/publications`, { title: 'Zwischenstand', body: 'Ein erster Entwurf.', language: 'de' }, `/groups/${g.slug}/publications/new`)).headers.location!;
    await w.post(`${url}/submit`, {}, url);
    const l = await signedIn(t.app, g.lead);
    const before = await groupState(t.ctx.ds, g.id);
    const empty = await l.post(`${url}/return`, { comment: 'kurz' }, url);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('>kurz</textarea>');
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);
    expect((await l.post(`${url}/return`, { comment: 'Bitte die Quellen ergänzen.' }, url)).status).toBe(303);
    expect(await pubRow(g.id)).toMatchObject({ status: 'draft', review_comment: 'Bitte die Quellen ergänzen.', reviewed_by_id: g.lead.id });
    expect(await notificationsOf(t.ctx.ds, writer.id, 'group.publicationReturned')).toBe(1);
    expect((await w.get(url)).text).toContain('Bitte die Quellen ergänzen.');
  });

  it('when a draft form is bad, then 422 with the input kept and no publication; a non-member cannot write (404 for the form, 403 for the post)', async () => {
    const writer = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [writer] });
    const w = await signedIn(t.app, writer);
    const bad = await w.post(`/groups/${g.slug}/publications`, { title: 'Ab', body: 'Mein langer Text bleibt stehen.', language: 'de' }, `/groups/${g.slug}/publications/new`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="Ab"');
    expect(bad.text).toContain('Mein langer Text bleibt stehen.');
    const o = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await o.get(`/groups/${g.slug}/publications/new`)).status).toBe(404);
    expect((await o.post(`/groups/${g.slug}/publications`, { title: 'Fremder Text', body: 'Von außen geschrieben.', language: 'de' }, `/groups/${g.slug}`)).status).toBe(403);
    expect(await pubRow(g.id)).toBeUndefined();
  });

  it('when a member has written results and deletes their account, then the export lists them and the deletion keeps published results without the name', async () => {
    const writer = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [writer] });
    const w = await signedIn(t.app, writer);
    const url = (await w.post(`/groups/${g.slug}/publications`, { title: 'Unser Ergebnis', body: 'Ein Ergebnis für alle.', language: 'de' }, `/groups/${g.slug}/publications/new`)).headers.location!;
    await w.post(`${url}/submit`, {}, url);
    await (await signedIn(t.app, g.lead)).post(`${url}/publish`, {}, url);
    const data = JSON.parse((await w.get('/me/export')).text);
    expect(data.events.groupPublications).toEqual([expect.objectContaining({ title: 'Unser Ergebnis', status: 'published' })]);
    expect(data.events.groupPublicationRevisions).toHaveLength(1);
    const { deleteEventsData } = await import('../../../src/modules/events/events.privacy.js');
    await t.ctx.ds.transaction((db) => deleteEventsData(db, { id: writer.id, email: writer.email, handle: writer.handle, name: writer.name }, 'remove'));
    expect(await pubRow(g.id)).toMatchObject({ status: 'published', author_id: null });
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM group_publication_revisions WHERE author_id = $1`, [writer.id]);
    expect(n).toBe(0);
  });

  it('when the only lead of a group deletes their account, then the longest-standing member becomes lead and is told; a group with another lead keeps its leads', async () => {
    const [first, second] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const g = await createGroup(t.ctx.ds, { members: [first, second] });
    const other = await createGroup(t.ctx.ds, { lead: g.lead, members: [second] });
    await t.ctx.ds.query(`UPDATE working_group_members SET role = 'lead' WHERE group_id = $1 AND user_id = $2`, [other.id, second.id]);
    const { deleteEventsData } = await import('../../../src/modules/events/events.privacy.js');
    await t.ctx.ds.transaction((db) => deleteEventsData(db, { id: g.lead.id, email: g.lead.email, handle: g.lead.handle, name: g.lead.name }, 'keep'));
    const leads = (groupId: number) => t.ctx.ds.query(`SELECT user_id AS "userId" FROM working_group_members WHERE group_id = $1 AND role = 'lead' ORDER BY user_id`, [groupId]);
    expect(await leads(g.id)).toEqual([{ userId: first.id }]);
    expect(await leads(other.id)).toEqual([{ userId: second.id }]);
    expect(await t.ctx.ds.query(`SELECT kind, url FROM notifications WHERE user_id = $1 AND subject_type = 'working_group'`, [first.id]))
      .toEqual([{ kind: 'group.leadAppointed', url: `/groups/${g.slug}` }]);
  });
});
