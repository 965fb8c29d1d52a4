// Promote to guide, shared by the event's accepted minutes (results.routes.ts) and a working
// group's published publications (groups.routes.ts): one form, one schema. Messages are i18n keys.
import { z } from 'zod';
import { idField, optionalIdField } from '../../shared/ids.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';

/** Promote to guide (as for a forum answer): a published guide, then a chapter to append to or a new chapter's title. */
export const promoteSchema = z
  .object({
    guideId: idField(),
    chapterId: optionalIdField(),
    newChapterTitle: z.string().trim().max(200, 'validation.tooLong').default(''),
    markdown: z.string().trim().min(1, 'eventResults.minutes.bodyRequired').max(MARKDOWN_MAX_CHARS, 'markdown.tooLong'),
  })
  .superRefine((v, c) => {
    if (!v.chapterId && v.newChapterTitle.length < 2) c.addIssue({ code: 'custom', path: ['newChapterTitle'], message: 'eventResults.promote.chapterRequired' });
  });
export type PromoteInput = z.infer<typeof promoteSchema>;
