// One zod schema per form step. Messages are i18n keys. Controlled-list values are checked
// against the taxonomy loaded from content/taxonomy at the time of the request.
import { z } from 'zod';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import {
  ADOPTION_STATUSES, FORMAL_BASES, FORMATS, IAP2_LEVELS, NARRATIVE_SECTIONS, STATUSES, VISIBILITIES,
  termKeys, type TaxonomyList,
} from './usecases.taxonomy.js';

/** Checkbox groups arrive as a string (one ticked), a list, or nothing. */
const list = (tax: TaxonomyList, min: number, message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string())
      .max(20, 'validation.tooLong')
      .transform((l) => [...new Set(l)])
      .refine((l) => l.every((k) => termKeys(tax).includes(k)), 'validation.invalid')
      .refine((l) => l.length >= min, message),
  );

const term = (tax: TaxonomyList, message = 'validation.invalid') =>
  z.string().trim().refine((v) => termKeys(tax).includes(v), message);
const optionalTerm = (tax: TaxonomyList) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || termKeys(tax).includes(v), 'validation.invalid')
    .transform((v) => (v === '' ? null : v));
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (values as readonly string[]).includes(v), 'validation.invalid')
    .transform((v) => (v === '' ? null : (v as T[number])));
const optionalDate = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'usecases.validation.date')
  .transform((v) => (v === '' ? null : v));
const optionalCount = (max: number) =>
  z
    .string()
    .trim()
    .default('')
    .transform((v) => v.replace(/[.\s]/g, ''))
    .refine((v) => v === '' || (/^\d{1,9}$/.test(v) && Number(v) <= max), 'usecases.validation.count')
    .transform((v) => (v === '' ? null : Number(v)));

export const coreSchema = z.object({
  title: z.string().trim().min(5, 'usecases.validation.title').max(200, 'validation.tooLong'),
  summary: z.string().trim().min(20, 'usecases.validation.summary').max(300, 'usecases.validation.summaryTooLong'),
  administrationId: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{1,9}$/.test(v), 'validation.invalid')
    .transform((v) => (v === '' ? null : Number(v))),
  department: term('departments', 'usecases.validation.department'),
  departmentOther: z.string().trim().max(200, 'validation.tooLong').default(''),
  status: z.enum(STATUSES, 'usecases.validation.status'),
  policyAreas: list('policy-areas', 1, 'usecases.validation.policyAreas'),
  iap2Level: z.enum(IAP2_LEVELS, 'usecases.validation.iap2Level'),
  methods: list('methods', 1, 'usecases.validation.methods'),
});
export type CoreInput = z.infer<typeof coreSchema>;

export const detailsSchema = z
  .object({
    startDate: optionalDate,
    endDate: optionalDate,
    formalBasis: optionalEnum(FORMAL_BASES),
    councilDecision: z.string().trim().max(500, 'validation.tooLong').default(''),
    digitalTool: optionalTerm('digital-tools'),
    format: optionalEnum(FORMATS),
    targetGroups: list('target-groups', 0, 'validation.invalid'),
    participantCount: optionalCount(100_000_000),
    budgetBand: optionalTerm('budget-bands'),
    staffEffortDays: optionalCount(100_000),
    language: z.enum(['de', 'en'], 'validation.invalid').default('de'),
    visibility: z.enum(VISIBILITIES, 'validation.invalid').default('network'),
    nextReviewAt: optionalDate,
    ownerId: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^\d{1,9}$/.test(v), 'validation.invalid')
      .transform((v) => (v === '' ? null : Number(v))),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'usecases.validation.endBeforeStart' });
export type DetailsInput = z.infer<typeof detailsSchema>;

export const narrativeSchema = z.object(
  Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, z.string().max(MARKDOWN_MAX_CHARS, 'markdown.tooLong').default('')])) as Record<
    (typeof NARRATIVE_SECTIONS)[number],
    z.ZodDefault<z.ZodString>
  >,
);
export type NarrativeInput = z.infer<typeof narrativeSchema>;

export const publishSchema = z.object({
  publish: z.enum(['publish', 'draft'], 'validation.invalid'),
});

const handle = z.string().trim().toLowerCase().transform((v) => v.replace(/^@/, '')).pipe(z.string().min(2, 'validation.required').max(30, 'validation.tooLong'));
export const editorSchema = z.object({ editor: handle });
export const contactSchema = z.object({ contact: handle });

export const commentSchema = z.object({
  body: z.string().trim().min(2, 'usecases.validation.comment').max(10_000, 'validation.tooLong'),
  parentId: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{1,9}$/.test(v), 'validation.invalid')
    .transform((v) => (v === '' ? null : Number(v))),
});
export const commentEditSchema = z.object({
  body: z.string().trim().min(2, 'usecases.validation.comment').max(10_000, 'validation.tooLong'),
});
export const flagSchema = z.object({
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong'),
});

export const adoptionSchema = z.object({
  status: z.enum(ADOPTION_STATUSES, 'usecases.validation.adoptionStatus'),
  note: z.string().trim().max(1000, 'validation.tooLong').default(''),
});

export const LICENCES = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'dl-de-by-2.0', 'all-rights-reserved'] as const;
export const attachmentSchema = z.object({
  licence: z.enum(LICENCES, 'validation.invalid').default('CC-BY-4.0'),
  description: z.string().trim().max(500, 'validation.tooLong').default(''),
});
