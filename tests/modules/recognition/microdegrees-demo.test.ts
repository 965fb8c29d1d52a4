// The demo micro-degrees: the file is valid (requirements, competence areas, courses that the
// academy content ships), loading is idempotent by slug, and the demo's own data meets them (the
// members named in the file's comment hold what the requirements ask for in the demo content).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { DEMO_FILE, loadDemoInto, parseDemoMicrodegrees } from '../../../src/modules/recognition/microdegrees.service.js';
import { YamlFileError } from '../../../src/shared/yaml-file.js';

const t = useTestApp();
const demo = () => parseDemoMicrodegrees('content/demo/microdegrees.yml', readFileSync(DEMO_FILE, 'utf8'));

class Rollback extends Error {}

describe('demo micro-degrees', () => {
  it('when the shipped file is read, then it holds two valid micro-degrees whose courses exist in the academy content', () => {
    const list = demo();
    expect(list.map((m) => m.slug)).toEqual(['beteiligungspraxis-teilen', 'beteiligungsmanagement-grundlagen']);
    const academy = parse(readFileSync('content/academy/academy.yml', 'utf8')) as { courses: { slug: string }[] };
    const courses = new Set(academy.courses.map((c) => c.slug));
    const named = list.flatMap((m) => m.requirements.flatMap((r) => (r.type === 'certificates' ? r.courses ?? [] : [])));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((c) => !courses.has(c))).toEqual([]);
  });

  it('when the demo content is read, then a demo member holds every requirement of "Beteiligungspraxis teilen" and Maria Muster all but the certificate of the other', () => {
    const text = (f: string) => readFileSync(f, 'utf8');
    // jschmidt: a published use case, an accepted answer, an attended working-group meeting.
    expect(text('content/usecases/jena-leitlinien-buergerbeteiligung.md')).toMatch(/^author: jschmidt$/m);
    expect(text('content/demo/forum/12-ratsbeschluss-leitlinien.md')).toMatch(/author: jschmidt\naccepted: true/);
    expect(text('content/demo/events.yml')).toMatch(/attended: \[jschmidt,/);
    // mmuster: a published use case and her own question with an accepted answer.
    expect(text('content/usecases/musterstadt-buergerbudget.md')).toMatch(/^author: mmuster$/m);
    const thread = text('content/demo/forum/03-buergerhaushalt-wenig-budget.md');
    expect(thread).toMatch(/^author: mmuster$/m);
    expect(thread).toContain('accepted: true');
  });

  it('when the file has a mistake, then each problem is reported with its line', () => {
    const bad = [
      '- slug: Falsch',
      '  title: Ein Titel',
      '  competences: [keine-area]',
      '  requirements:',
      '    - { type: contributions, kind: forum.nonsense, count: 1 }',
    ].join('\n');
    let err: unknown;
    try { parseDemoMicrodegrees('x.yml', bad); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(YamlFileError);
    expect((err as YamlFileError).issues).toEqual(expect.arrayContaining([expect.objectContaining({ line: 1 }), expect.objectContaining({ line: 5 })]));
    expect(() => parseDemoMicrodegrees('x.yml', bad.replace('Falsch', 'richtig').replace('forum.nonsense', 'forum.answer_accepted'))).toThrow(/x.yml:3: \[0\]\.competences\[0\]: unknown competence area/);
  });

  it('when the demo is loaded twice, then each micro-degree exists once (by slug) and a changed one is kept', async () => {
    // Loaded in a transaction that is rolled back: the demo micro-degrees must not be active for the other test files.
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const list = demo();
    await expect(inTransaction(t.ctx.ds, async (db) => {
      await db.query(`DELETE FROM recognition_microdegrees WHERE slug = ANY($1)`, [list.map((m) => m.slug)]);
      expect(await loadDemoInto(db, list, f.id)).toEqual(list.map((m) => m.slug));
      const changed = `Geändert ${uniq()}`;
      await db.query(`UPDATE recognition_microdegrees SET title = $1 WHERE slug = $2`, [changed, list[0]!.slug]);
      expect(await loadDemoInto(db, list, f.id)).toEqual([]);
      const rows = await db.query(`SELECT slug, title, created_by FROM recognition_microdegrees WHERE slug = ANY($1) ORDER BY id`, [list.map((m) => m.slug)]);
      expect(rows).toEqual([{ slug: list[0]!.slug, title: changed, created_by: f.id }, { slug: list[1]!.slug, title: list[1]!.title, created_by: f.id }]);
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);
  });
});
