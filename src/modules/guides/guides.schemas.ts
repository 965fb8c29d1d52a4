import { z } from 'zod';
import { RESERVED_CHAPTER_SLUGS, RESERVED_GUIDE_SLUGS } from './guides.model.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const optionalSlug = z.string().trim().toLowerCase().max(80, 'validation.tooLong')
  .refine((v) => v === '' || SLUG.test(v), 'validation.slug');

export const tagList = z.string().trim().max(500, 'validation.tooLong')
  .transform((v) => [...new Set(v.toLowerCase().split(/[\s,;]+/).map((t) => t.replace(/^#/, '')).filter(Boolean))])
  .refine((list) => list.length <= 12 && list.every((t) => /^[\p{L}\p{N}-]{1,40}$/u.test(t)), 'guides.validation.tags');

const message = z.string().trim().max(500, 'validation.tooLong').default('');

export const guideSchema = z.object({
  title: z.string().trim().min(3, 'validation.required').max(200, 'validation.tooLong'),
  slug: optionalSlug.default('').refine((v) => !RESERVED_GUIDE_SLUGS.includes(v), 'guides.validation.reservedSlug'),
  summary: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong'),
  tags: tagList,
  owner: z.string().trim().max(60, 'validation.tooLong').default(''),
  reviewIntervalMonths: z.coerce.number('guides.validation.interval').int('guides.validation.interval').min(1, 'guides.validation.interval').max(60, 'guides.validation.interval'),
  // One of CONTENT_LANGUAGES (checked in the service, which knows the configuration).
  language: z.string('validation.required').trim().regex(/^[a-z]{2}$/, 'validation.required'),
  sortOrder: z.coerce.number('validation.invalid').int('validation.invalid').min(0, 'validation.invalid').max(100000, 'validation.invalid').default(100),
  message,
});
export type GuideInput = z.infer<typeof guideSchema>;

export const chapterSchema = z.object({
  title: z.string().trim().min(2, 'validation.required').max(200, 'validation.tooLong'),
  slug: optionalSlug.default('').refine((v) => !RESERVED_CHAPTER_SLUGS.includes(v), 'guides.validation.reservedSlug'),
  // Browsers send textarea lines with CRLF; files use LF. One form keeps diffs and hashes honest.
  body: z.string().max(MARKDOWN_MAX_CHARS, 'markdown.tooLong').default('').transform((v) => v.replace(/\r\n?/g, '\n')),
  message,
  preview: z.string().optional(),
});
export type ChapterInput = z.infer<typeof chapterSchema>;

export const moveSchema = z.object({ direction: z.enum(['up', 'down'], 'validation.invalid') });
export const restoreSchema = z.object({ message });
/** The draft revision the reviewer saw (a hidden field): a newer save in between needs a fresh look. */
const revision = z.string().trim().regex(/^\d{1,9}$/, 'validation.invalid').transform(Number).optional();
export const reviewSchema = z.object({ comment: z.string().trim().max(2000, 'validation.tooLong').default(''), revision });
export const changesSchema = z.object({ reason: z.string().trim().min(3, 'guides.validation.commentRequired').max(2000, 'validation.tooLong'), revision });
export const emptySchema = z.object({});

/** Start a translation: the target language, one of CONTENT_LANGUAGES (checked in the service). */
export const translationSchema = z.object({ language: z.string('validation.required').trim().regex(/^[a-z]{2}$/, 'validation.required') });
