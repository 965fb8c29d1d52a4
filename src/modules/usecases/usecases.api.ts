// Use cases in the JSON API (/api/v1/use-cases): published cases, the list's facets as filters
// (plus the administration's kind and slug), newest published first. Network-only cases only for a
// read:network token's member; to everyone else a network case is "not found", as its page is.
import { z } from 'zod';
import type { ApiFilter, ApiResource, AppContext } from '../module.js';
import { ADMINISTRATION_KINDS } from '../administrations/index.js';
import { apiCase, apiCases, type ApiCaseRow } from './api.queries.js';
import { FACETS, facetValues, type Facet, type Filter } from './usecases.queries.js';
import { FORMATS, FORMAL_BASES, IAP2_LEVELS, NARRATIVE_SECTIONS, STATUSES } from './usecases.taxonomy.js';

const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);

const administrationRef = z
  .object({
    slug: z.string().describe('The administration\'s slug: /api/v1/administrations/{slug}.'),
    name: z.string().describe('Its name.'),
    kind: z.enum(ADMINISTRATION_KINDS).describe('Kind of administration.'),
    state: z.string().describe('Its Land (ISO 3166-2 code without "DE-", e.g. "NW").'),
  })
  .describe('The administration that ran the use case.');

const item = z
  .object({
    slug: z.string().describe('Unique, stable key: /api/v1/use-cases/{slug}.'),
    title: z.string().describe('Title, in the case\'s language.'),
    summary: z.string().describe('Short summary (plain text).'),
    language: z.enum(['de', 'en']).describe('Language of the case\'s text.'),
    status: z.enum(STATUSES).describe('Where the process stands.'),
    visibility: z.enum(['public', 'network']).describe('"public" for everyone; "network" for members of the network only (read:network token).'),
    topics: z.array(z.string()).describe('Policy areas (keys of the taxonomy, as in the "topic" filter).'),
    methods: z.array(z.string()).describe('Participation methods (keys, as in the "method" filter).'),
    participationLevel: z.enum(IAP2_LEVELS).describe('Level of participation on the IAP2 spectrum (as in the "level" filter).'),
    digitalTool: z.string().nullable().describe('The digital tool used (key), or null.'),
    department: z.string().describe('The department responsible (key).'),
    administration: administrationRef,
    adoptionCount: z.number().int().describe('Administrations that adopted the case and have not stopped.'),
    verified: z.boolean().describe('Checked by the network\'s facilitators.'),
    publishedAt: z.iso.datetime().describe('When it was first published (RFC 3339).'),
    updatedAt: z.iso.datetime().describe('When it last changed (RFC 3339).'),
    url: z.url().describe('The case\'s page on Praxis.'),
  })
  .describe('A use case as listed.');

const detail = item
  .extend({
    startDate: z.iso.date().nullable().describe('Start of the process (YYYY-MM-DD), or null.'),
    endDate: z.iso.date().nullable().describe('End of the process (YYYY-MM-DD), or null.'),
    format: z.enum(FORMATS).nullable().describe('How people took part; null when not given.'),
    targetGroups: z.array(z.string()).describe('Target groups (keys).'),
    participantCount: z.number().int().nullable().describe('People who took part, or null.'),
    budgetBand: z.string().nullable().describe('Budget band (key), or null.'),
    staffEffortDays: z.number().int().nullable().describe('Staff effort in person-days, or null.'),
    formalBasis: z.enum(FORMAL_BASES).nullable().describe('Voluntary or required by law; null when not given.'),
    councilDecision: z.string().describe('The council decision it rests on (plain text, may be empty).'),
    narrative: z
      .object(Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, z.string().optional().describe(`Section "${s}" as sanitised HTML.`)])))
      .describe('The story of the case by section, each sanitised HTML; sections not written are absent.'),
    version: z.number().int().describe('Version number, counting every published revision.'),
    derivedFrom: z.string().nullable().describe('Slug of the case this one was adapted from (when visible to the reader), or null.'),
  })
  .describe('A use case with all its published fields.');

const FACET_TEXT: Record<Facet, string> = {
  topic: 'Policy area (taxonomy key).',
  method: 'Participation method (taxonomy key).',
  level: 'Level of participation (IAP2).',
  tool: 'Digital tool (taxonomy key).',
  status: 'Status of the process.',
  state: 'Land of the administration.',
  size: 'Size class of the administration by population.',
  department: 'Department responsible (taxonomy key).',
};

const filters: ApiFilter[] = [
  ...FACETS.map((f) => ({ name: f, description: FACET_TEXT[f], schema: enumOf(facetValues(f)), multiple: true })),
  { name: 'kind', description: 'Kind of the administration.', schema: z.enum(ADMINISTRATION_KINDS), multiple: true },
  { name: 'administration', description: 'One administration, by slug.', schema: z.string().min(1).max(200) },
];

export function useCaseApi(ctx: AppContext): ApiResource {
  const baseUrl = ctx.config.baseUrl;
  const present = (r: ApiCaseRow) => ({
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    language: r.language,
    status: r.status,
    visibility: r.visibility,
    topics: r.policyAreas,
    methods: r.methods,
    participationLevel: r.iap2Level,
    digitalTool: r.digitalTool,
    department: r.department,
    administration: { slug: r.adminSlug, name: r.adminName, kind: r.adminKind, state: r.adminState },
    adoptionCount: r.adoptionCount,
    verified: r.verified,
    publishedAt: r.publishedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    url: `${baseUrl}/use-cases/${r.slug}`,
  });
  return {
    tag: 'Use cases',
    path: '/use-cases',
    detailPath: '/use-cases/{slug}',
    pathParams: { slug: 'The use case\'s slug.' },
    summary: { list: 'Published use cases.', detail: 'One published use case.', order: 'Newest published first.' },
    names: { item: 'UseCaseSummary', detail: 'UseCase' },
    item,
    detailSchema: detail,
    filters,
    cursor: z.tuple([z.iso.datetime(), z.number().int()]),
    async list(ds, { filters: f, reader, limit, after }) {
      const facets: Filter = {};
      for (const facet of FACETS) if (f[facet]) facets[facet] = f[facet] as string[];
      const rows = await apiCases(ds, { facets, kinds: f.kind as string[] | undefined, administration: f.administration as string | undefined }, !!reader.member, limit, after as [string, number] | null);
      return rows.map((r) => ({ entry: { data: present(r), networkOnly: r.visibility !== 'public' }, key: [r.cursorAt, r.id] }));
    },
    async detail(ds, { params, reader }) {
      const r = await apiCase(ds, params.slug!, !!reader.member);
      if (!r) return null;
      return {
        data: {
          ...present(r),
          startDate: r.startDate,
          endDate: r.endDate,
          format: r.format,
          targetGroups: r.targetGroups,
          participantCount: r.participantCount,
          budgetBand: r.budgetBand,
          staffEffortDays: r.staffEffortDays,
          formalBasis: r.formalBasis,
          councilDecision: r.councilDecision,
          narrative: Object.fromEntries(NARRATIVE_SECTIONS.filter((s) => r.narrativeHtml[s]).map((s) => [s, r.narrativeHtml[s]])),
          version: r.version,
          derivedFrom: r.derivedFromSlug,
        },
        networkOnly: r.visibility !== 'public',
      };
    },
  };
}
