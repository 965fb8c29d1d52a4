// Administrations in the JSON API (/api/v1/administrations): every registered administration with
// its public profile (never its members or e-mail domains), filtered like /administrations.
import { z } from 'zod';
import type { ApiResource, AppContext } from '../module.js';
import { ADMINISTRATION_KINDS } from './administration.entity.js';
import { apiAdministration, apiAdministrations, type ApiAdministrationRow } from './api.queries.js';
import { SIZE_CLASSES, STATE_CODES } from './size-class.js';

const item = z
  .object({
    slug: z.string().describe('Unique, stable key: /api/v1/administrations/{slug}.'),
    name: z.string().describe('Name of the administration.'),
    kind: z.enum(ADMINISTRATION_KINDS).describe('Kind: municipality, county, city_state, state_agency, association or partner.'),
    state: z.enum(STATE_CODES as unknown as [string, ...string[]]).describe('Land (ISO 3166-2 code without "DE-", e.g. "NW").'),
    ags: z.string().nullable().describe('Official municipality key (Amtlicher Gemeindeschlüssel, 8 digits), or null.'),
    population: z.number().int().nullable().describe('Population, or null when not known.'),
    sizeClass: z.enum(SIZE_CLASSES as unknown as [string, ...string[]]).nullable().describe('Size class by population (as in the "size" filter), or null.'),
    memberCount: z.number().int().describe('Active members of the network from this administration.'),
    useCaseCount: z.number().int().describe('Its published use cases the reader may see.'),
    url: z.url().describe('The administration\'s page on Praxis.'),
  })
  .describe('An administration as listed.');

const detail = item
  .extend({
    website: z.string().nullable().describe('Its website, or null.'),
    description: z.string().describe('Short self-description (plain text, may be empty).'),
  })
  .describe('An administration\'s public profile.');

export function administrationApi(ctx: AppContext): ApiResource {
  const present = (r: ApiAdministrationRow) => ({
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    state: r.state,
    ags: r.ags,
    population: r.population,
    sizeClass: r.sizeClass,
    memberCount: r.memberCount,
    useCaseCount: r.useCaseCount,
    url: `${ctx.config.baseUrl}/administrations/${r.slug}`,
  });
  return {
    tag: 'Administrations',
    path: '/administrations',
    detailPath: '/administrations/{slug}',
    pathParams: { slug: 'The administration\'s slug.' },
    summary: { list: 'Administrations in the network.', detail: 'One administration\'s public profile.', order: 'By name.' },
    names: { item: 'AdministrationSummary', detail: 'Administration' },
    item,
    detailSchema: detail,
    filters: [
      { name: 'state', description: 'Land.', schema: z.enum(STATE_CODES as unknown as [string, ...string[]]), multiple: true },
      { name: 'kind', description: 'Kind of administration.', schema: z.enum(ADMINISTRATION_KINDS), multiple: true },
      { name: 'size', description: 'Size class by population.', schema: z.enum(SIZE_CLASSES as unknown as [string, ...string[]]), multiple: true },
      { name: 'q', description: 'Part of the name (case-insensitive).', schema: z.string().trim().min(1).max(100) },
    ],
    cursor: z.tuple([z.string(), z.number().int()]),
    async list(ds, { filters: f, reader, limit, after }) {
      const rows = await apiAdministrations(ds, {
        state: f.state as string[] | undefined, kind: f.kind as string[] | undefined, size: f.size as string[] | undefined, q: f.q as string | undefined,
      }, !!reader.member, limit, after as [string, number] | null);
      return rows.map((r) => ({ entry: { data: present(r), networkOnly: false }, key: [r.name, r.id] }));
    },
    async detail(ds, { params, reader }) {
      const r = await apiAdministration(ds, params.slug!, !!reader.member);
      return r ? { data: { ...present(r), website: r.website, description: r.description }, networkOnly: false } : null;
    },
  };
}
