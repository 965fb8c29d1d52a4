// The forms of use-case translations: the text (title, summary and the narrative sections in one
// language) and the review.
import { z } from 'zod';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';

/** One translated section per field named like the section (as in the case's narrative form); empty: not translated. */
const sections = Object.fromEntries(
  NARRATIVE_SECTIONS.map((s) => [s, z.string().max(MARKDOWN_MAX_CHARS, 'markdown.tooLong').default('')]),
) as Record<(typeof NARRATIVE_SECTIONS)[number], z.ZodDefault<z.ZodString>>;

export const translationTextSchema = z.object({
  title: z.string().trim().min(3, 'translations.usecase.validation.title').max(200, 'translations.usecase.validation.titleTooLong'),
  summary: z.string().trim().min(1, 'translations.usecase.validation.summary').max(300, 'translations.usecase.validation.summaryTooLong'),
  ...sections,
});
export type TranslationTextInput = z.infer<typeof translationTextSchema>;

/** The revision the reviewer looked at: a newer text saved meanwhile needs a fresh look. */
const revision = z.string().trim().regex(/^\d{1,9}$/, 'validation.invalid').transform(Number);

export const approveSchema = z.object({
  revision,
  note: z.string().trim().max(500, 'validation.tooLong').default(''),
});

export const refuseSchema = z.object({
  revision,
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong'),
});
