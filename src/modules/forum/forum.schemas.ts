// Forum forms: one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { FLAG_REASONS, FOLLOW_LEVELS, FOLLOW_TARGETS, THREAD_KINDS } from './forum.entity.js';
import { idField, optionalIdField, parseId } from '../../shared/ids.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';

export const TAG_PATTERN = /^[a-z0-9äöüß][a-z0-9äöüß-]{0,29}$/;

/** "Bürgerhaushalt, Online Dialog" → ["bürgerhaushalt", "online-dialog"]: lower case, unique. */
export function normaliseTags(raw: string): string[] {
  return [...new Set(raw.split(/[,;#\n]+/).map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
}

const body = z.string().trim().min(1, 'forum.validation.bodyRequired').max(MARKDOWN_MAX_CHARS, 'markdown.tooLong');
const id = idField();

export const threadSchema = z.object({
  categoryId: id,
  kind: z.enum(THREAD_KINDS, 'validation.required'),
  title: z.string().trim().min(10, 'forum.validation.titleLength').max(150, 'forum.validation.titleLength'),
  body,
  tags: z
    .string()
    .default('')
    .transform(normaliseTags)
    .refine((t) => t.length <= 5, 'forum.validation.tooManyTags')
    .refine((t) => t.every((x) => TAG_PATTERN.test(x)), 'forum.validation.tagFormat'),
  /** "preview" | "check" | "post"; the no-JS steps of the form. */
  action: z.enum(['preview', 'check', 'post']).default('post'),
  /** Set once the member has seen the similar-question suggestions (or the script showed them). */
  checked: z.string().optional().transform((v) => v === '1'),
});
export type ThreadInput = z.infer<typeof threadSchema>;

export const editThreadSchema = z.object({
  title: z.string().trim().min(10, 'forum.validation.titleLength').max(150, 'forum.validation.titleLength'),
  body,
  tags: threadSchema.shape.tags,
  action: z.enum(['preview', 'post']).default('post'),
});
export type EditThreadInput = z.infer<typeof editThreadSchema>;

export const replySchema = z.object({
  body,
  parentId: optionalIdField(),
  action: z.enum(['preview', 'post']).default('post'),
});
export type ReplyInput = z.infer<typeof replySchema>;

export const editReplySchema = z.object({ body, action: z.enum(['preview', 'post']).default('post') });

export const followSchema = z.object({
  targetType: z.enum(FOLLOW_TARGETS),
  targetId: id,
  level: z.enum(FOLLOW_LEVELS, 'validation.required'),
  /** Where to go back to: a forum page (checked by the route). */
  next: z.string().trim().max(2000).optional(),
});

export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, 'forum.validation.flagReason'),
    text: z.string().trim().max(1000, 'validation.tooLong').default(''),
  })
  .refine((v) => v.reason !== 'other' || v.text.length >= 3, { path: ['text'], message: 'forum.validation.flagText' });

export const reasonSchema = z.object({
  reason: z.string().trim().min(3, 'forum.validation.reasonRequired').max(500, 'validation.tooLong'),
});

/** Showing a hidden post again needs no reason; one that is sent is checked like any other text. */
export const unhideSchema = z.object({
  reason: z.string().trim().max(500, 'validation.tooLong').optional().transform((r) => r || null),
});

export const moveSchema = z.object({ categoryId: id });
export const mergeSchema = z.object({
  targetId: z.string('forum.validation.mergeTarget').trim().transform((v) => parseId(v.match(/(\d+)/)?.[1]) ?? 0).refine((n) => n > 0, 'forum.validation.mergeTarget'),
});

export const categorySchema = z.object({
  name: z.string().trim().min(2, 'validation.required').max(100, 'validation.tooLong'),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'validation.slug').max(60, 'validation.tooLong'),
  description: z.string().trim().max(1000, 'validation.tooLong').default(''),
  position: z.coerce.number().int().min(0).max(10_000).default(0),
  isPublic: z.string().optional().transform((v) => v === '1' || v === 'on'),
});
export type CategoryInput = z.infer<typeof categorySchema>;

/** A restricted (members-only) category another module creates (createRestrictedCategory): the form's rules, and its language. */
export const restrictedCategorySchema = categorySchema.pick({ name: true, slug: true, description: true }).extend({
  language: z.enum(['de', 'en']),
});
export type RestrictedCategoryInput = z.input<typeof restrictedCategorySchema>;

/** Promote to guide: a published guide, then a chapter of it to append to or a new chapter's title. */
export const promoteSchema = z
  .object({
    guideId: id,
    chapterId: optionalIdField(),
    newChapterTitle: z.string().trim().max(200, 'forum.promote.titleLength').default(''),
    markdown: body,
  })
  .superRefine((v, c) => {
    if (!v.chapterId && v.newChapterTitle.length < 2) c.addIssue({ code: 'custom', path: ['newChapterTitle'], message: 'forum.promote.chapterRequired' });
  });
export type PromoteFormInput = z.infer<typeof promoteSchema>;
