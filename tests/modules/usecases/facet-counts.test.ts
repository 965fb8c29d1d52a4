// The use-case list reads maintained state: use_case_facets (a narrow row per case),
// use_case_facet_counts and use_case_facet_pair_counts, kept by triggers in the same transaction as
// every write (migrations 1764901200000 and 1764901700000). After a seeded mix of writes through the
// library's own services — new cases, edits of the core and the details, publishing and unpublishing,
// moves to another administration, adoptions declared, stopped and withdrawn, an administration's Land
// and population changed, a derived case, deletions — and several cases inserted in one statement, the
// maintained state equals a direct computation over use_cases, and the list's counts, totals and pages
// equal those computed here from the cases themselves, for visitors and members, with no facet, one,
// or several picked. Test files share the database and write use cases meanwhile: every comparison
// reads one snapshot (REPEATABLE READ), and the pages compared over HTTP are filtered by a department
// of this file's own.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser, type TestUser } from '../../support/factories.js';
import { expectSameRows } from '../../support/maintained-rows.js';
import { ownDepartment } from '../../support/usecases-factories.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { randomFromState } from '../../../src/shared/seeded-random.js';
import { coreSchema, detailsSchema } from '../../../src/modules/usecases/usecases.schemas.js';
import { createUseCase, setPublished, updateCore, updateDetails } from '../../../src/modules/usecases/usecases.service.js';
import { declareAdoption, deriveUseCase, withdrawAdoption } from '../../../src/modules/usecases/adoptions.service.js';
import { deleteCases } from '../../../src/modules/usecases/privacy.store.js';
import { updateAdministration } from '../../../src/modules/administrations/administrations.service.js';
import { administrationSchema } from '../../../src/modules/administrations/administrations.schemas.js';
import { FACETS, facetCounts, listCases, type Facet, type Filter } from '../../../src/modules/usecases/usecases.queries.js';

const TOPICS = ['budget', 'mobility', 'climate', 'youth', 'housing'];
const METHODS = ['survey', 'workshop', 'online-dialogue', 'citizens-assembly'];
const LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'];
const STATUSES = ['idea', 'planned', 'running', 'completed', 'stopped'];
const TOOLS = ['', 'consul', 'decidim', 'dipas'];
const ADOPTIONS = ['interested', 'planning', 'implemented', 'stopped'];

/** A case as the list sees it, read straight from use_cases and administrations. */
interface Case {
  id: number; published: boolean; visibility: string; publishedAt: Date | null; policyAreas: string[]; methods: string[];
  level: string; tool: string | null; status: string; department: string; state: string; size: string | null; adoptions: number;
}

async function casesNow(db: EntityManager): Promise<Case[]> {
  return db.query(
    `SELECT uc.id, uc.published, uc.visibility, uc.published_at AS "publishedAt", uc.policy_areas AS "policyAreas", uc.methods,
            uc.iap2_level AS level, uc.digital_tool AS tool, uc.status, uc.department, a.state, a.size_class AS size,
            (SELECT count(*)::int FROM use_case_adoptions ad WHERE ad.use_case_id = uc.id AND ad.status <> 'stopped') AS adoptions
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id`);
}

const valuesOf = (c: Case, f: Facet): string[] => ({
  topic: c.policyAreas, method: c.methods, level: [c.level], tool: c.tool ? [c.tool] : [], status: [c.status],
  state: [c.state], size: c.size ? [c.size] : [], department: [c.department],
})[f];
const keysOf = (c: Case) => FACETS.flatMap((f) => valuesOf(c, f).map((v) => `${f}:${v}`)).sort();
const matches = (c: Case, filter: Filter, f: Facet) => !filter[f] || valuesOf(c, f).some((v) => filter[f]!.includes(v));
const visible = (cases: Case[], member: boolean) => cases.filter((c) => c.published && (member || c.visibility === 'public'));
const newest = (a: Case, b: Case) => (b.publishedAt?.getTime() ?? Infinity) - (a.publishedAt?.getTime() ?? Infinity) || b.id - a.id;

/** Disjunctive faceting, by its definition: a facet's counts apply every OTHER picked facet. */
function expectedCounts(cases: Case[], filter: Filter) {
  const counts = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as Record<Facet, Record<string, number>>;
  for (const c of cases) {
    for (const f of FACETS) {
      if (!FACETS.every((g) => g === f || matches(c, filter, g))) continue;
      for (const v of valuesOf(c, f)) counts[f][v] = (counts[f][v] ?? 0) + 1;
    }
  }
  return { counts, total: cases.filter((c) => FACETS.every((f) => matches(c, filter, f))).length };
}
const withoutZeros = (counts: Record<Facet, Record<string, number>>) =>
  Object.fromEntries(FACETS.map((f) => [f, Object.fromEntries(Object.entries(counts[f]).filter(([, n]) => n !== 0))]));

describe('use cases: maintained facets and counts', () => {
  const t = useTestApp();

  it('when cases are written, published, moved, adopted and deleted in a random mix, then the maintained facets and counts equal a direct count, and so do the list\'s counts and pages', async () => {
    const ds = t.ctx.ds;
    const dept = ownDepartment();
    // Not Sachsen, Rheinland-Pfalz or Hessen: the dashboard's participation test counts the members of
    // those Länder as its own (test files share the database).
    const adms = [
      await createAdministration(ds, { state: 'HB', population: 4_000 }),
      await createAdministration(ds, { state: 'BB', population: 60_000 }),
      await createAdministration(ds, { state: 'BB', population: null }),
    ];
    const facilitator = await createUser(ds, { role: 'facilitator', administrationId: adms[0]!.id });
    const admin = await createUser(ds, { role: 'admin' }); // administrations are the admins' to edit
    const adopters: TestUser[] = [];
    for (const adm of adms) adopters.push(await createUser(ds, { administrationId: adm.id }));
    const rng = randomFromState(19); // the same sequence of operations on every run
    const some = <T>(list: readonly T[]) => [...new Set([rng.pick(list), ...(rng.next() < 0.4 ? [rng.pick(list)] : [])])];
    const core = (step: number, administrationId: number) => coreSchema.parse({
      title: `Facettenprobe ${step}`, summary: 'Eine Zusammenfassung, lang genug für das Formular.', department: dept,
      status: rng.pick(STATUSES), policyAreas: some(TOPICS), iap2Level: rng.pick(LEVELS), methods: some(METHODS), administrationId: String(administrationId),
    });
    const slugs: string[] = [];
    const caseOf = async (slug: string) => (await ds.query(`SELECT id, administration_id AS "administrationId", published FROM use_cases WHERE slug = $1`, [slug]))[0];

    for (let step = 0; step < 120; step++) {
      const r = rng.next();
      if (slugs.length < 5 || r < 0.2) {
        slugs.push(await createUseCase(t.ctx, facilitator, core(step, rng.pick(adms).id)));
        continue;
      }
      const slug = rng.pick(slugs);
      if (r < 0.4) {
        await setPublished(t.ctx, facilitator, slug, !(await caseOf(slug)).published);
      } else if (r < 0.55) {
        await updateCore(t.ctx, facilitator, slug, core(step, rng.pick(adms).id)); // a facilitator may move it, too
      } else if (r < 0.65) {
        await updateDetails(t.ctx, facilitator, slug, detailsSchema.parse({ digitalTool: rng.pick(TOOLS), visibility: rng.pick(['public', 'network']) }));
      } else if (r < 0.85) {
        const uc = await caseOf(slug);
        if (!uc.published) continue; // only published cases are adopted
        const adopter = rng.pick(adopters.filter((a) => a.administrationId !== uc.administrationId));
        if (rng.next() < 0.25) await withdrawAdoption(t.ctx, adopter, slug);
        else await declareAdoption(t.ctx, adopter, slug, rng.pick(ADOPTIONS), '');
      } else if (r < 0.92) {
        const adm = rng.pick(adms);
        await updateAdministration(t.ctx, admin, adm.slug, administrationSchema.parse({
          name: adm.name, slug: '', kind: 'municipality', state: rng.pick(['HB', 'BB', 'SL', 'BE']), ags: '',
          population: rng.pick(['', '3000', '45000', '250000']), website: '', domains: '', description: '',
        }));
      } else {
        // As the erasure of a member deletes the cases they wrote alone.
        await inTransaction(ds, async (db) => deleteCases(db, [(await caseOf(slug)).id]));
        slugs.splice(slugs.indexOf(slug), 1);
      }
    }
    // A case derived from an implemented adoption, published, and the adoption then stopped.
    const original = slugs[0]!;
    if (!(await caseOf(original)).published) await setPublished(t.ctx, facilitator, original, true);
    const own = await caseOf(original);
    const adopter = adopters.find((a) => a.administrationId !== own.administrationId)!;
    await declareAdoption(t.ctx, adopter, original, 'implemented', '');
    const derivedSlug = await deriveUseCase(t.ctx, adopter, original);
    await setPublished(t.ctx, facilitator, derivedSlug, true);
    await declareAdoption(t.ctx, adopter, original, 'stopped', '');
    // Several cases in one INSERT (an import, the benchmark data): one statement's rows at once.
    await ds.query(
      `INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                              digital_tool, created_by_id, published, published_at, visibility)
       SELECT 'facettenprobe-' || $1 || '-' || i, 'Facettenprobe ' || i, 'Eine Zusammenfassung.', ($2::int[])[1 + i % 3], $1,
              ($3::text[])[1 + i % 5], ARRAY[($4::text[])[1 + i % 5], ($4::text[])[1 + (i + 2) % 5]], 'involve', ARRAY['survey'],
              CASE WHEN i % 2 = 0 THEN 'consul' END, $5, i % 4 <> 0, now(), CASE WHEN i % 3 = 0 THEN 'network' ELSE 'public' END
         FROM generate_series(1, 6) i`,
      [dept, adms.map((a) => a.id), STATUSES, TOPICS, facilitator.id]);

    await ds.transaction('REPEATABLE READ', async (db) => {
      const cases = await casesNow(db);
      // Facets: one row per case, equal to the case and its administration now.
      const facets: { id: number; listed: boolean; public: boolean; publishedAt: Date | null; adoptions: number; keys: string[] }[] = await db.query(
        `SELECT use_case_id AS id, listed, public, published_at AS "publishedAt", adoption_count AS adoptions, keys FROM use_case_facets`);
      expectSameRows('use_case_facets', facets.map((f) => ({ ...f, keys: [...f.keys].sort() })), cases.map((c) => ({
        id: c.id, listed: c.published, public: c.visibility === 'public', publishedAt: c.publishedAt, adoptions: c.adoptions, keys: keysOf(c),
      })), (f) => f.id);
      // Counts: per key and public / network, of the listed cases ("*": all of them).
      const direct = new Map<string, number>();
      for (const c of cases.filter((x) => x.published)) {
        for (const k of [...keysOf(c), '*']) direct.set(`${k}|${c.visibility === 'public'}`, (direct.get(`${k}|${c.visibility === 'public'}`) ?? 0) + 1);
      }
      const kept: { key: string; public: boolean; n: number }[] = await db.query(`SELECT key, public, n FROM use_case_facet_counts WHERE n <> 0`);
      expectSameRows('use_case_facet_counts', kept.map((k) => ({ key: `${k.key}|${k.public}`, n: k.n })), [...direct].map(([key, n]) => ({ key, n })), (k) => k.key);
      // Pair counts: per key, key of another facet ("*": the case) and public / network, of the listed
      // cases — each distinct key of a case with every key of another facet, as often as the case has it.
      const directPairs = new Map<string, number>();
      const facetOf = (k: string) => k.slice(0, k.indexOf(':'));
      for (const c of cases.filter((x) => x.published)) {
        const keys = keysOf(c);
        for (const v of new Set(keys)) {
          for (const k of [...keys, '*'].filter((x) => x === '*' || facetOf(x) !== facetOf(v))) {
            const pair = `${v}|${k}|${c.visibility === 'public'}`;
            directPairs.set(pair, (directPairs.get(pair) ?? 0) + 1);
          }
        }
      }
      const keptPairs: { key: string; other: string; public: boolean; n: number }[] =
        await db.query(`SELECT key, other, public, n FROM use_case_facet_pair_counts WHERE n <> 0`);
      expectSameRows('use_case_facet_pair_counts', keptPairs.map((k) => ({ key: `${k.key}|${k.other}|${k.public}`, n: k.n })),
        [...directPairs].map(([key, n]) => ({ key, n })), (k) => k.key);

      // The list: counts and total with nothing, one facet or several picked, and the first pages in
      // both orders. One facet: one value (of a facet with one value per case or several: read from
      // the pair counts), several values of a facet with one value per case (the pair counts summed),
      // several topics (counted from the cases: a narrow and a broad choice, whichever side of half it is on).
      const mine = cases.filter((c) => c.department === dept && c.published);
      expect(mine.length).toBeGreaterThan(5);
      const filters: Filter[] = [
        {}, { department: [dept] }, { status: ['completed'] }, { status: ['idea', 'planned', 'running', 'stopped'] },
        { level: ['consult'] }, { level: ['inform', 'involve', 'collaborate', 'empower'] }, { topic: ['budget'] },
        { method: ['workshop'] }, { state: ['BB', 'SL'] }, { topic: ['budget', 'climate'] }, { topic: TOPICS.slice(1) },
        { department: [dept], topic: ['budget', 'climate'] }, { department: [dept], method: ['survey', 'workshop'], state: ['BB', 'SL'] },
        { department: [dept], size: ['lt10k', '50k-100k'], tool: ['consul'] }, { level: ['consult'], status: ['completed'] },
      ];
      for (const member of [false, true]) {
        const seen = visible(cases, member);
        for (const filter of filters) {
          const got = await facetCounts(db, filter, member);
          const want = expectedCounts(seen, filter);
          expect({ filter, member, total: got.total, counts: withoutZeros(got.counts) }).toEqual({ filter, member, total: want.total, counts: withoutZeros(want.counts) });
        }
        for (const filter of [{}, { department: [dept] }, { department: [dept], topic: ['budget', 'climate'] }] as Filter[]) {
          const matching = seen.filter((c) => FACETS.every((f) => matches(c, filter, f)));
          const orders = {
            newest: [...matching].sort(newest),
            adopted: [...matching].sort((a, b) => b.adoptions - a.adoptions || newest(a, b)),
          };
          for (const sort of ['newest', 'adopted'] as const) {
            for (const page of [{ page: 1, limit: 20, offset: 0 }, { page: 2, limit: 4, offset: 4 }]) {
              const got = await listCases(db, { filter, sort, signedIn: member, ref: null, page });
              expect({ filter, sort, page, ids: got.map((x) => x.id), adoptions: got.map((x) => x.adoptionCount) }).toEqual({
                filter, sort, page,
                ids: orders[sort].slice(page.offset, page.offset + page.limit).map((x) => x.id),
                adoptions: orders[sort].slice(page.offset, page.offset + page.limit).map((x) => x.adoptions),
              });
            }
          }
        }
      }
    });

    // And the page shows them: a visitor's list of this file's department (no other file's cases can
    // be in it, so the page's snapshot and this one agree).
    const cases = await ds.transaction('REPEATABLE READ', casesNow);
    for (const [member, agent] of [[false, request(t.app)], [true, await signedIn(t.app, await createUser(ds))]] as const) {
      for (const filter of [{ department: [dept] }, { department: [dept], topic: ['budget', 'climate'] }] as Filter[]) {
        const res = await agent.get(`/use-cases?department=${dept}${filter.topic?.map((v) => `&topic=${v}`).join('') ?? ''}`);
        expect(res.status).toBe(200);
        const want = expectedCounts(visible(cases, member), filter);
        expect(res.text).toContain(`role="status">${want.total.toLocaleString('de-DE')} Praxisbeispiel`);
        for (const f of ['topic', 'method', 'level', 'status', 'state'] as const) {
          for (const [v, n] of Object.entries(want.counts[f])) {
            expect({ filter, f, v, n: Number(res.text.match(new RegExp(`id="f-${f}-${v}"[^>]*>\\s*<label[^>]*>[^<]*<span class="uc-count">\\((\\d+)\\)`))?.[1]) })
              .toEqual({ filter, f, v, n });
          }
        }
      }
    }
  }, 120_000);
});
