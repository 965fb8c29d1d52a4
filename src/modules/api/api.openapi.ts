// The OpenAPI 3.1 document of /api/v1, built at start from the same zod schemas the handlers
// check their answers with (zod 4's JSON Schema output, draft 2020-12): every resource a module
// declares (PraxisModule.api) gets a list and a detail path, the envelopes refer to the items'
// components, and every path lists its problem responses.
import { z } from 'zod';
import type { ApiResource } from '../module.js';
import { problemSchema } from './api.problem.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './api.query.js';

export const linksSchema = z
  .object({
    self: z.url().describe('This page.'),
    next: z.url().nullable().describe('The next page (same filters, with a cursor), or null on the last page.'),
  })
  .describe('Links of a list page.');

/** The body of a list: the page's items and its links. */
export const listEnvelope = (item: z.ZodType) =>
  z.object({
    data: z.array(item).describe('The items of this page, in the list\'s order.'),
    links: linksSchema,
  });

/** The body of a detail: the item. */
export const detailEnvelope = (item: z.ZodType) => z.object({ data: item });

/** Express path ("/guides/:guide") of an OpenAPI path ("/guides/{guide}"). */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const params = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

export interface OpenApiOptions {
  serverUrl: string;
  tokenPerMinute: number;
  ipPerMinute: number;
}

type Json = Record<string, unknown>;

export function openApiDocument(resources: ApiResource[], o: OpenApiOptions): Json {
  // One registry per document: each registered schema becomes a component, uses of it a $ref.
  const registry = z.registry<{ id: string }>();
  registry.add(problemSchema, { id: 'Problem' });
  registry.add(linksSchema, { id: 'Links' });
  for (const r of resources) {
    registry.add(r.item, { id: r.names.item });
    if (r.detailSchema !== r.item) registry.add(r.detailSchema, { id: r.names.detail });
    registry.add(listEnvelope(r.item), { id: `${r.names.item}List` });
    registry.add(detailEnvelope(r.detailSchema), { id: `${r.names.detail}Response` });
  }
  const generated = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'output', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, s]) => {
    const { $schema: _dialect, $id: _id, ...rest } = s;
    return [id, rest];
  }));

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
  const headers = {
    ETag: { description: 'Weak validator of the body; send it back in If-None-Match to get 304 while nothing changed.', schema: { type: 'string' } },
    RateLimit: { description: 'The limit left in this window (IETF draft-ietf-httpapi-ratelimit-headers-08), e.g. `"api-token"; r=599; t=60`.', schema: { type: 'string' } },
    'RateLimit-Policy': { description: 'The limit that applies, e.g. `"api-token"; q=600; w=60`.', schema: { type: 'string' } },
  };
  const errorResponses = (notFound: boolean, list: boolean) => ({
    '304': { description: 'Not modified: the ETag in If-None-Match still matches.' },
    ...(list ? { '400': problemResponse('A filter, `limit` or `cursor` is not acceptable (the problem lists each in `errors`).') } : {}),
    '401': problemResponse('The token is malformed, unknown, revoked or expired.'),
    ...(notFound ? { '404': problemResponse('No such item, or the reader may not see it.') } : {}),
    '429': problemResponse('Too many requests; the RateLimit header says when the window resets.'),
  });
  const pathParameters = (path: string, r: ApiResource) =>
    params(path).map((name) => ({ name, in: 'path', required: true, description: r.pathParams[name] ?? name, schema: { type: 'string' } }));
  const filterSchema = (s: z.ZodType) => {
    const { $schema: _d, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
    return rest;
  };

  const paths: Json = {};
  for (const r of resources) {
    const nestedList = params(r.path).length > 0;
    paths[r.path] = {
      get: {
        tags: [r.tag],
        operationId: `list${r.names.item}`,
        summary: r.summary.list,
        description: `${r.summary.list} ${r.summary.order} Pages hold at most \`limit\` items; \`links.next\` (and the \`Link\` header) leads to the next page.`,
        parameters: [
          ...pathParameters(r.path, r),
          ...r.filters.map((f) => ({
            name: f.name,
            in: 'query',
            required: false,
            description: f.multiple ? `${f.description} Repeatable: items matching any of the values.` : f.description,
            ...(f.multiple ? { style: 'form', explode: true, schema: { type: 'array', items: filterSchema(f.schema), maxItems: 20 } } : { schema: filterSchema(f.schema) }),
          })),
          { name: 'limit', in: 'query', required: false, description: `Items per page (default ${DEFAULT_LIMIT}).`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
          { name: 'cursor', in: 'query', required: false, description: 'Opaque; taken from `links.next` of the previous page.', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: r.summary.list,
            headers: { ...headers, Link: { description: 'The next page as `<…>; rel="next"` (absent on the last page).', schema: { type: 'string' } } },
            content: { 'application/json': { schema: ref(`${r.names.item}List`) } },
          },
          ...errorResponses(nestedList, true),
        },
      },
    };
    paths[r.detailPath] = {
      get: {
        tags: [r.tag],
        operationId: `get${r.names.detail}`,
        summary: r.summary.detail,
        parameters: pathParameters(r.detailPath, r),
        responses: {
          '200': { description: r.summary.detail, headers, content: { 'application/json': { schema: ref(`${r.names.detail}Response`) } } },
          ...errorResponses(true, false),
        },
      },
    };
  }
  paths['/'] = {
    get: {
      tags: ['Meta'],
      operationId: 'getApiIndex',
      summary: 'Where to start: the lists of this API and this document.',
      responses: {
        '200': {
          description: 'The OpenAPI document\'s URL and each list\'s URL.',
          content: { 'application/json': { schema: {
            type: 'object',
            required: ['openapi', 'resources'],
            additionalProperties: false,
            properties: {
              openapi: { type: 'string', format: 'uri', description: 'This document.' },
              resources: {
                type: 'array',
                description: 'Each list, by its tag.',
                items: { type: 'object', required: ['name', 'url'], additionalProperties: false, properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
              },
            },
          } } },
        },
        '304': { description: 'Not modified.' },
        '401': problemResponse('The token is malformed, unknown, revoked or expired.'),
        '429': problemResponse('Too many requests.'),
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      tags: ['Meta'],
      operationId: 'getOpenApiDocument',
      summary: 'This document (OpenAPI 3.1).',
      responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } }, '304': { description: 'Not modified.' }, '401': problemResponse('The token is malformed, unknown, revoked or expired.'), '429': problemResponse('Too many requests.') },
    },
  };

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Praxis API',
      version: '1.0.0',
      description: [
        'Read-only JSON API of Praxis: published use cases, administrations, guides and their chapters, forum threads and academy courses.',
        '',
        'Without a token it answers with public content only. A personal access token (created at /me/tokens) is sent as `Authorization: Bearer <token>`: with the scope read:public it sees what visitors see; with read:network also the network-only content its member may see signed in (network use cases, members\' forum categories). Responses with network-only content carry no CORS header.',
        '',
        `Limits: ${o.tokenPerMinute} requests per minute per token, ${o.ipPerMinute} per minute per IP address without a token; the RateLimit and RateLimit-Policy headers (IETF draft 8) tell what is left. Errors are RFC 9457 problem details (application/problem+json). Lists are paged with opaque cursors (\`links.next\`), stable while items are added.`,
      ].join('\n'),
    },
    servers: [{ url: o.serverUrl }],
    security: [{}, { bearerAuth: [] }],
    tags: [...new Set(resources.map((r) => r.tag)), 'Meta'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal access token (scopes read:public or read:network).' },
      },
    },
  };
}
