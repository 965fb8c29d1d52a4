// The forms of timed comments: the moment ("04:12", "1:02:03") and the text; a flag's reason; a
// facilitator's reason to hide or show a comment again. Messages are i18n keys (mediaComments.* in
// src/locales/*/media-comments.json).
import { z } from 'zod';

/** Longest comment (Markdown source). */
export const COMMENT_MAX_CHARS = 5_000;

/**
 * "m:ss", "mm:ss" or "h:mm:ss" (also "75:30" for a long video) → milliseconds; null for anything
 * else. Seconds and, with hours, minutes must be below 60.
 */
export function parseClock(text: string): number | null {
  const s = text.trim();
  let m = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(s);
  if (m) return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
  m = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (m) return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  return null;
}

const moment = z.string().trim().min(1, 'mediaComments.validation.timeRequired').max(12, 'mediaComments.validation.timeFormat')
  .transform((v, c) => {
    const ms = parseClock(v);
    if (ms === null) {
      c.addIssue({ code: 'custom', message: 'mediaComments.validation.timeFormat' });
      return z.NEVER;
    }
    return ms;
  });

const body = z.string().trim().min(2, 'mediaComments.validation.bodyRequired').max(COMMENT_MAX_CHARS, 'mediaComments.validation.bodyTooLong');

export const commentSchema = z.object({ at: moment, body });
export type CommentInput = z.infer<typeof commentSchema>;

export const flagSchema = z.object({
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong'),
});

export const moderationSchema = z.object({
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong'),
});
