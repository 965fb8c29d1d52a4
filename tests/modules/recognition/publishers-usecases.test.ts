// The use cases' activity facts end to end: the library's own services (publish, verify, editors,
// adoptions) publish them, the worker applies them, and each author's ledger shows the points and
// the reversals. Also the backfill from the library's activityHistory.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { CORE, createUseCase } from '../../support/usecases-factories.js';
import { addEditor, removeEditor, setPublished, updateCore, verify } from '../../../src/modules/usecases/usecases.service.js';
import { declareAdoption, withdrawAdoption } from '../../../src/modules/usecases/adoptions.service.js';
import { replayHistory } from '../../../src/modules/recognition/ledger.service.js';

const t = useTestApp();

const total = async (u: { id: number }) =>
  Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [u.id]))[0].s);

async function draftWithEditor() {
  const author = await createUser(t.ctx.ds);
  const editor = await createUser(t.ctx.ds, { administrationId: author.administrationId });
  const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, published: false, digitalTool: 'consul' });
  await addEditor(t.ctx, author, uc.slug, editor.handle);
  return { author, editor, uc };
}

describe('use-case activity', () => {
  it('when a case is published, then each author gets 25; verified, 10 more; unpublished, all of it is reversed; published again, it is back', async () => {
    const { author, editor, uc } = await draftWithEditor();
    await t.drain();
    expect(await total(author)).toBe(0);

    await setPublished(t.ctx, author, uc.slug, true);
    await t.drain();
    expect(await total(author)).toBe(25);
    expect(await total(editor)).toBe(25);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, item_id, url, competences FROM recognition_facts WHERE fact = $1`, [`usecase.published:${uc.id}:${author.id}`]);
    expect(fact).toEqual({ item_type: 'use_case', item_id: String(uc.id), url: `/use-cases/${uc.slug}`, competences: ['methods-formats', 'digital-tools'] });

    const mod = await createUser(t.ctx.ds, { role: 'facilitator' });
    await verify(t.ctx, mod, uc.slug, null);
    await t.drain();
    expect(await total(author)).toBe(35);
    // Verified again a year later: nothing new.
    await verify(t.ctx, await createUser(t.ctx.ds, { role: 'facilitator' }), uc.slug, null);
    await t.drain();
    expect(await total(author)).toBe(35);

    await setPublished(t.ctx, author, uc.slug, false);
    await t.drain();
    expect(await total(author)).toBe(0);
    expect(await total(editor)).toBe(0);

    await setPublished(t.ctx, author, uc.slug, true);
    await t.drain();
    expect(await total(author)).toBe(35);
  });

  it('when an editor joins a published case or leaves it, then their points for it follow', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, published: false });
    await setPublished(t.ctx, author, uc.slug, true);
    const editor = await createUser(t.ctx.ds, { administrationId: author.administrationId });
    await addEditor(t.ctx, author, uc.slug, editor.handle);
    await t.drain();
    expect(await total(editor)).toBe(25);
    await removeEditor(t.ctx, author, uc.slug, editor.id);
    await t.drain();
    expect(await total(editor)).toBe(0);
    expect(await total(author)).toBe(25);
  });

  it('when another administration declares the case implemented, then each author gets 20; a change of status or a withdrawal reverses it', async () => {
    const { author, editor, uc } = await draftWithEditor();
    await setPublished(t.ctx, author, uc.slug, true);
    const adopter = await createUser(t.ctx.ds);
    await declareAdoption(t.ctx, adopter, uc.slug, 'interested', '');
    await t.drain();
    expect(await total(author)).toBe(25);

    await declareAdoption(t.ctx, adopter, uc.slug, 'implemented', 'Läuft bei uns seit März.');
    await t.drain();
    expect(await total(author)).toBe(45);
    expect(await total(editor)).toBe(45);
    const [fact] = await t.ctx.ds.query(`SELECT actor_id, holds FROM recognition_facts WHERE fact = $1`,
      [`usecase.implemented:${uc.id}:${adopter.administrationId}:${author.id}`]);
    expect(fact).toEqual({ actor_id: adopter.id, holds: true });

    await declareAdoption(t.ctx, adopter, uc.slug, 'stopped', '');
    await t.drain();
    expect(await total(author)).toBe(25);
    await declareAdoption(t.ctx, adopter, uc.slug, 'implemented', '');
    await t.drain();
    expect(await total(author)).toBe(45);
    await withdrawAdoption(t.ctx, adopter, uc.slug);
    await t.drain();
    expect(await total(author)).toBe(25);
    expect(await total(editor)).toBe(25);
  });

  it('when a facilitator moves the case to the administration that implemented it, then that adoption no longer counts', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, published: false });
    await setPublished(t.ctx, author, uc.slug, true);
    const adopter = await createUser(t.ctx.ds);
    await declareAdoption(t.ctx, adopter, uc.slug, 'implemented', '');
    await t.drain();
    expect(await total(author)).toBe(45);
    await updateCore(t.ctx, await createUser(t.ctx.ds, { role: 'facilitator' }), uc.slug,
      { ...CORE, administrationId: adopter.administrationId } as Parameters<typeof updateCore>[3]);
    await t.drain();
    expect(await total(author)).toBe(25);
  });

  it('when the use-case facts are lost, then the backfill from activityHistory restores them with the same points', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, published: true });
    // Written straight to the database like the demo data: nothing published yet.
    await t.ctx.ds.query(`UPDATE use_cases SET verified_at = now(), verified_by_id = $2 WHERE id = $1`, [uc.id, (await createUser(t.ctx.ds, { role: 'facilitator' })).id]);
    const adopter = await createUser(t.ctx.ds);
    await t.ctx.ds.query(`INSERT INTO use_case_adoptions (use_case_id, administration_id, status, declared_by_id) VALUES ($1, $2, 'implemented', $3)`,
      [uc.id, adopter.administrationId, adopter.id]);
    // The case's own administration declaring it implemented does not count.
    const colleague = await createUser(t.ctx.ds, { administrationId: author.administrationId });
    await t.ctx.ds.query(`INSERT INTO use_case_adoptions (use_case_id, administration_id, status, declared_by_id) VALUES ($1, $2, 'implemented', $3)`,
      [uc.id, author.administrationId, colleague.id]);
    expect(await total(author)).toBe(0);

    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [author.id] });
    expect(await total(author)).toBe(55);
    const facts = await t.ctx.ds.query(`SELECT kind FROM recognition_facts WHERE user_id = $1 AND holds ORDER BY kind`, [author.id]);
    expect(facts.map((f: { kind: string }) => f.kind)).toEqual(['usecase.implemented', 'usecase.published', 'usecase.verified']);

    await t.ctx.ds.query(`DELETE FROM recognition_facts WHERE user_id = $1`, [author.id]);
    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [author.id] });
    expect(await total(author)).toBe(55);
  });
});
