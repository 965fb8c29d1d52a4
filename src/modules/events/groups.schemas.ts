// One zod schema per working-group form. Messages are i18n keys; a refused form comes back with 422
// and the member's input kept.
import { z } from 'zod';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import { DEFAULT_GROUP_THEMES, GROUP_MEMBERSHIP } from './group.entity.js';

/** Checkbox groups arrive as a string (one ticked), a list, or nothing. */
const checked = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()).max(20, 'validation.tooLong')
    .transform((l) => [...new Set(l)])
    .refine((l) => l.every((k) => (DEFAULT_GROUP_THEMES as readonly string[]).includes(k)), 'validation.invalid'),
);

/** One guiding question a line; empty lines dropped. */
const lines = z.string().max(5_000, 'validation.tooLong').default('')
  .transform((v) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
  .refine((l) => l.length <= 30, 'groups.validation.tooManyQuestions')
  .refine((l) => l.every((q) => q.length <= 300), 'groups.validation.questionTooLong');

const HANDLE = /^[a-z0-9][a-z0-9_-]{1,29}$/;
/** Handles, separated by commas, spaces or lines, with or without @. */
const handles = z.string().max(1_000, 'validation.tooLong').default('')
  .transform((v) => [...new Set(v.toLowerCase().split(/[\s,;]+/).map((h) => h.replace(/^@/, '')).filter(Boolean))])
  .refine((l) => l.length >= 1, 'groups.validation.leadsRequired')
  .refine((l) => l.length <= 10 && l.every((h) => HANDLE.test(h)), 'groups.validation.handles');

export const groupSchema = z.object({
  name: z.string().trim().min(3, 'groups.validation.name').max(200, 'validation.tooLong'),
  purpose: z.string().trim().min(10, 'groups.validation.purpose').max(MARKDOWN_MAX_CHARS, 'markdown.tooLong'),
  guidingQuestions: lines,
  themes: checked,
  membership: z.enum(GROUP_MEMBERSHIP, 'groups.validation.membership'),
  leads: handles,
  cadence: z.string().trim().max(200, 'validation.tooLong').default(''),
  language: z.enum(['de', 'en'], 'validation.invalid').default('de'),
});
export type GroupInput = z.infer<typeof groupSchema>;

const handle = z.string().trim().toLowerCase().transform((v) => v.replace(/^@/, ''))
  .pipe(z.string().min(2, 'validation.required').max(30, 'validation.tooLong'));
export const inviteSchema = z.object({ handle });

export const publicationSchema = z.object({
  title: z.string().trim().min(3, 'groups.validation.title').max(200, 'validation.tooLong'),
  body: z.string().trim().min(10, 'groups.validation.body').max(MARKDOWN_MAX_CHARS, 'markdown.tooLong'),
  language: z.enum(['de', 'en'], 'validation.invalid').default('de'),
});
export type PublicationInput = z.infer<typeof publicationSchema>;

export const returnSchema = z.object({
  comment: z.string().trim().min(5, 'groups.validation.comment').max(2_000, 'validation.tooLong'),
});

/** A use case by its slug or its address (…/use-cases/<slug>). */
export const linkUseCaseSchema = z.object({
  useCase: z.string().trim().max(300, 'validation.tooLong')
    .transform((v) => v.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/^.*\/use-cases\//, ''))
    .pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'groups.validation.useCase')),
});
