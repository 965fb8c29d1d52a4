// The follow/unfollow form of a use-case topic or method: the key must be in the taxonomy list of its facet.
import { z } from 'zod';
import { termKeys } from './usecases.taxonomy.js';

export const FACET_LIST = { topic: 'policy-areas', method: 'methods' } as const;

export const topicFollowSchema = z
  .object({
    facet: z.enum(['topic', 'method'], 'validation.invalid'),
    key: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
    back: z.string().max(2000).optional(),
  })
  .refine((v) => termKeys(FACET_LIST[v.facet]).includes(v.key), { path: ['key'], message: 'validation.invalid' });
export type TopicFollowInput = z.infer<typeof topicFollowSchema>;

/** Checkbox groups of taxonomy keys (the welcome page): unknown keys are refused. */
export const topicKeysField = (facet: keyof typeof FACET_LIST) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string())
      .max(40, 'validation.tooLong')
      .transform((l) => [...new Set(l)])
      .refine((l) => l.every((k) => termKeys(FACET_LIST[facet]).includes(k)), 'validation.invalid'),
  );
