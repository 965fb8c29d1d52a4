// The OpenAPI 3.1 document (/api/v1/openapi.json): valid for a real OpenAPI validator
// (@seriousme/openapi-schema-validator), and every documented route answers, with data of every
// kind present, with a body that ajv (JSON Schema 2020-12) finds matching the documented schema —
// the 200 of lists and details, and the problem+json of a 404 and a 400.
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApp } from '../../support/app.js';
import { createAdministration } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createEvent } from '../events/core-factories.js';
import { apiGet, tokenFor } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('api: OpenAPI document', () => {
  const t = useTestApp();

  async function documentAndAjv() {
    const res = await apiGet(t, '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as Json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema(doc, 'openapi.json');
    const validatorFor = (pointer: string) => ajv.compile({ $ref: `openapi.json#${pointer}` });
    return { doc, validatorFor };
  }
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

  it('when the document is read, then a real OpenAPI 3.1 validator finds it valid and it lists every resource with its schemas', async () => {
    const { doc } = await documentAndAjv();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/', '/academy/courses', '/academy/courses/{slug}', '/administrations', '/administrations/{slug}', '/events', '/events/{id}',
      '/forum/threads', '/forum/threads/{id}', '/guides', '/guides/{guide}/chapters', '/guides/{guide}/chapters/{chapter}', '/guides/{slug}',
      '/openapi.json', '/use-cases', '/use-cases/{slug}',
    ]);
    expect(doc.components.schemas.UseCaseSummaryList.properties.data.items).toEqual({ $ref: '#/components/schemas/UseCaseSummary' });
    expect(doc.components.schemas.UseCaseSummary.required).toContain('visibility');
    // Field names are documented: every property of every item schema has a description.
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      for (const [prop, s] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (prop === 'data' || s.$ref) continue;
        expect([name, prop, typeof s.description]).toEqual([name, prop, 'string']);
      }
    }
  });

  it('when every documented route is called with data of each kind present, then each body matches its documented schema (200, 404 and 400)', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const useCase = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const guide = await createGuide(t.ctx.ds);
    const category = await createCategory(t.ctx.ds, { isPublic: true });
    const thread = await createThread(t.ctx.ds, { category, tags: ['api-test'] });
    await createReply(t.ctx.ds, thread);
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug], [guide.slug]);
    const event = await createEvent(t.ctx.ds, { visibility: 'public', organiserAdministrationId: adm.id });
    await createEvent(t.ctx.ds, { visibility: 'network', format: 'online', place: '', organiserAdministrationId: null });
    const networkToken = await tokenFor(t, ['read:public', 'read:network']);
    const values: Record<string, string> = {};
    const valuesFor = (path: string): Record<string, string> => {
      if (path.startsWith('/use-cases')) return { slug: useCase.slug };
      if (path.startsWith('/administrations')) return { slug: adm.slug };
      if (path.startsWith('/guides')) return { slug: guide.slug, guide: guide.slug, chapter: guide.chapters[0]!.slug };
      if (path.startsWith('/forum')) return { id: String(thread.id) };
      if (path.startsWith('/events')) return { id: String(event.id) };
      if (path.startsWith('/academy')) return { slug: course.slug };
      return values;
    };

    const { doc, validatorFor } = await documentAndAjv();
    // The check is not vacuous: a body with a field of the wrong type fails.
    const listOfCases = validatorFor('/paths/~1use-cases/get/responses/200/content/application~1json/schema');
    const good = (await apiGet(t, `/use-cases?administration=${adm.slug}`)).body;
    expect(listOfCases(good)).toBe(true);
    expect(listOfCases({ ...good, data: [{ ...good.data[0], publishedAt: 'yesterday' }] })).toBe(false);
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const op = item.get as Json;
      const fill = valuesFor(path);
      const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => fill[name]!);
      for (const token of [undefined, networkToken]) {
        const res = await apiGet(t, concrete, token);
        expect([path, res.status]).toEqual([path, 200]);
        const validate = validatorFor(`/paths/${escape(path)}/get/responses/200/content/application~1json/schema`);
        const body = res.body as Json;
        if (!validate(body)) throw new Error(`${path}: ${JSON.stringify(validate.errors, null, 2)}`);
        if (Array.isArray(body.data)) expect([path, body.data.length > 0]).toEqual([path, true]);
        checked++;
      }
      const problem = validatorFor('/components/schemas/Problem');
      if (op.responses['404'] && path.includes('{')) {
        const missing = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' ? '999999999' : 'no-such-thing'));
        const res = await apiGet(t, missing);
        expect([path, res.status, res.type]).toEqual([path, 404, 'application/problem+json']);
        expect(problem(res.body)).toBe(true);
        checked++;
      }
      if (op.responses['400']) {
        const res = await apiGet(t, `${concrete}?limit=0`);
        expect([path, res.status, res.type]).toEqual([path, 400, 'application/problem+json']);
        expect(problem(res.body)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);

    // The front door (/api/v1) leads to the document and to every list, and each answers.
    const index = (await apiGet(t, '')).body as { openapi: string; resources: { name: string; url: string }[] };
    const relative = (url: string) => new URL(url).pathname.replace(/^\/api\/v1/, '');
    expect(relative(index.openapi)).toBe('/openapi.json');
    const lists = Object.keys(doc.paths).filter((p) => p !== '/' && p !== '/openapi.json' && !p.includes('{'));
    expect(index.resources.map((r) => relative(r.url)).sort()).toEqual(lists.sort());
    for (const r of index.resources) expect([r.url, (await apiGet(t, relative(r.url))).status]).toEqual([r.url, 200]);
  });
});
