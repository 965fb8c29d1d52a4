// The media forms: a video's title and description (sent with the file), a WebVTT track's kind and
// language. Messages are i18n keys (media.* in src/locales/*/media-*.json).
import { z } from 'zod';
import { LANGUAGES } from '../../shared/i18n.js';
import { TRACK_KINDS } from './media.entity.js';

export const videoSchema = z.object({
  title: z.string().trim().min(1, 'media.upload.titleRequired').max(200, 'validation.tooLong'),
  description: z.string().trim().max(2000, 'validation.tooLong').default(''),
});
export type VideoFormInput = z.infer<typeof videoSchema>;

export const trackSchema = z.object({
  kind: z.enum(TRACK_KINDS, 'validation.required'),
  language: z.enum(LANGUAGES, 'validation.required'),
});

/** The embed form sits on the same page as the upload form: its fields have their own names (and ids). */
export const embedSchema = z.object({
  url: z.string().trim().min(1, 'media.embed.urlRequired').max(500, 'validation.tooLong'),
  embedTitle: z.string().trim().min(1, 'media.upload.titleRequired').max(200, 'validation.tooLong'),
  embedDescription: z.string().trim().max(2000, 'validation.tooLong').default(''),
}).transform((v) => ({ url: v.url, title: v.embedTitle, description: v.embedDescription }));

export const consentSchema = z.object({
  provider: z.string().regex(/^(youtube|vimeo|peertube:[a-z0-9.-]+)$/, 'validation.invalid'),
  next: z.string().regex(/^\/(guides|academy\/courses)\/[a-z0-9/-]+$/, 'validation.invalid'),
  remember: z.literal('1').optional(),
});
