// One zod schema per pre-vote and agenda form. Messages are i18n keys. Times come from
// datetime-local fields in Berlin time.
import { z } from 'zod';
import { PREVOTE_PROPOSERS } from './prevote.entity.js';
import { berlinToUtc } from './events.time.js';

const berlinTime = (message: string) => z.string().trim().transform((v, c) => {
  const d = berlinToUtc(v);
  if (!d) {
    c.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return d;
});
const optionalBerlinTime = z.string().trim().default('').transform((v, c) => {
  if (v === '') return null;
  const d = berlinToUtc(v);
  if (!d) {
    c.addIssue({ code: 'custom', message: 'prevote.validation.time' });
    return z.NEVER;
  }
  return d;
});
const intIn = (min: number, max: number, message: string) =>
  z.string().trim().refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= min && Number(v) <= max, message).transform(Number);
/** Checkbox groups arrive as a string (one ticked), a list, or nothing. */
const idList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(/^\d{1,9}$/, 'validation.invalid')).max(50, 'validation.tooLong').transform((l) => [...new Set(l.map(Number))]),
);
const id = z.string().trim().regex(/^\d{1,9}$/, 'validation.invalid').transform(Number);

export const prevoteSchema = z.object({
  question: z.string().trim().min(1, 'validation.required').max(500, 'validation.tooLong'),
  proposalsCloseAt: berlinTime('prevote.validation.time'),
  closesAt: berlinTime('prevote.validation.time'),
  votesPerPerson: intIn(1, 20, 'prevote.validation.votesPerPerson'),
  maxPerTopic: intIn(1, 5, 'prevote.validation.maxPerTopic'),
  proposers: z.enum(PREVOTE_PROPOSERS, 'validation.invalid'),
  showInterim: z.string().optional().transform((v) => v === 'on' || v === 'true' || v === '1'),
}).superRefine((v, c) => {
  if (v.closesAt < v.proposalsCloseAt) c.addIssue({ code: 'custom', path: ['closesAt'], message: 'prevote.validation.closesBeforeProposals' });
  if (v.maxPerTopic > v.votesPerPerson) c.addIssue({ code: 'custom', path: ['maxPerTopic'], message: 'prevote.validation.maxAboveVotes' });
});
export type PrevoteInput = z.infer<typeof prevoteSchema>;

export const topicSchema = z.object({
  title: z.string().trim().min(3, 'prevote.validation.topicTitle').max(200, 'validation.tooLong'),
  description: z.string().trim().max(2000, 'validation.tooLong').default(''),
  useCases: idList,
});
export type TopicInput = z.infer<typeof topicSchema>;

/** The dot form: one field "dots-<topic id>" per topic, each a whole number 0…20. */
export const voteSchema = z.record(z.string(), z.unknown()).transform((body, c) => {
  const allocation = new Map<number, number>();
  for (const [key, value] of Object.entries(body)) {
    const m = /^dots-(\d{1,9})$/.exec(key);
    if (!m) continue;
    // A field sent twice (a list) is no number of dots: refused, not read as zero.
    const text = typeof value === 'string' ? value.trim() : null;
    if (text === null || !/^\d{1,2}$/.test(text || '0')) {
      c.addIssue({ code: 'custom', path: [key], message: 'prevote.validation.dots' });
      continue;
    }
    allocation.set(Number(m[1]), Number(text || '0'));
  }
  return allocation;
});

export const mergeSchema = z.object({ into: id });
export const rejectSchema = z.object({ reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong') });

export const agendaItemSchema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().trim().max(2000, 'validation.tooLong').default(''),
  startsAt: optionalBerlinTime,
  durationMinutes: z.string().trim().default('')
    .refine((v) => v === '' || (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1440), 'prevote.validation.duration')
    .transform((v) => (v === '' ? null : Number(v))),
  presenters: idList,
  useCases: idList,
  addPresenter: z.string().trim().max(60, 'validation.tooLong').default(''),
});
export type AgendaItemFormInput = z.infer<typeof agendaItemSchema>;

export const fromTopicSchema = z.object({ topicId: id });
export const moveSchema = z.object({ direction: z.enum(['up', 'down'], 'validation.invalid') });
