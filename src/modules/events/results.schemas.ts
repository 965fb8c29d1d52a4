// The forms after the event: minutes, a file's description, an outcome link (promote to guide:
// promote.schemas.ts, shared with the working groups' publications).
// Messages are i18n keys (eventResults.* in src/locales/*/event-results.json).
import { z } from 'zod';
import { optionalIdField } from '../../shared/ids.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import { MINUTES_STATUS, OUTCOME_KINDS } from './results.entity.js';

export const minutesSchema = z.object({
  body: z.string().trim().min(1, 'eventResults.minutes.bodyRequired').max(MARKDOWN_MAX_CHARS, 'markdown.tooLong'),
  status: z.enum(MINUTES_STATUS, 'validation.required').default('draft'),
  /** The version the edit started from (0: there were no minutes yet). */
  version: z.string().trim().regex(/^\d{1,9}$/, 'validation.invalid').transform(Number),
});
export type MinutesInput = z.infer<typeof minutesSchema>;

export const attachmentSchema = z.object({
  description: z.string().trim().max(500, 'validation.tooLong').default(''),
});

/** A use case (its address or slug), a forum thread (its address or number) or a guide chapter (chosen from a list). */
export const outcomeSchema = z
  .object({
    kind: z.enum(OUTCOME_KINDS, 'validation.required'),
    ref: z.string().trim().max(500, 'validation.tooLong').default(''),
    chapterId: optionalIdField(),
  })
  .superRefine((v, c) => {
    if (v.kind === 'guide_chapter' && !v.chapterId) c.addIssue({ code: 'custom', path: ['chapterId'], message: 'eventResults.outcomes.chapterRequired' });
    if (v.kind !== 'guide_chapter' && !v.ref) c.addIssue({ code: 'custom', path: ['ref'], message: 'eventResults.outcomes.refRequired' });
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

// Promote to guide: the schema shared with the publications is in promote.schemas.ts.
