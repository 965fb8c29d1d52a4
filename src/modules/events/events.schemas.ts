// One zod schema per events form. Messages are i18n keys. Times arrive as datetime-local values in
// Berlin time and leave as UTC instants; the place and link rules follow the format.
import { z } from 'zod';
import { optionalIdField } from '../../shared/ids.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_VISIBILITY } from './event.entity.js';
import { berlinToUtc } from './events.time.js';

const localTime = (required: boolean) =>
  z.string().trim().default('')
    .refine((v) => (v === '' ? !required : berlinToUtc(v) !== null), required ? 'events.validation.time' : 'events.validation.time')
    .transform((v) => (v === '' ? null : berlinToUtc(v)));

/** An id or nothing. Ids start at 1: "0" is refused (read as a number it slipped past the existence checks as "none" and reached the foreign key). */
const optionalId = optionalIdField();

const httpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

export const eventSchema = z.object({
  title: z.string().trim().min(3, 'events.validation.title').max(200, 'validation.tooLong'),
  kind: z.enum(EVENT_KINDS, { message: 'validation.invalid' }),
  format: z.enum(EVENT_FORMATS, { message: 'validation.invalid' }),
  description: z.string().trim().max(MARKDOWN_MAX_CHARS, 'validation.tooLong').default(''),
  startsAt: localTime(true),
  endsAt: localTime(true),
  place: z.string().trim().max(500, 'validation.tooLong').default(''),
  onlineUrl: z.string().trim().max(1000, 'validation.tooLong').default('')
    .refine((v) => v === '' || httpUrl(v), 'events.validation.url'),
  capacity: z.string().trim().default('')
    .refine((v) => v === '' || (/^\d{1,6}$/.test(v) && Number(v) > 0), 'events.validation.capacity')
    .transform((v) => (v === '' ? null : Number(v))),
  registrationOpensAt: localTime(false),
  registrationClosesAt: localTime(false),
  visibility: z.enum(EVENT_VISIBILITY, { message: 'validation.invalid' }).default('network'),
  language: z.enum(['de', 'en'], { message: 'validation.invalid' }).default('de'),
  organiserAdministrationId: optionalId,
  groupId: optionalId,
}).superRefine((v, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) issue('endsAt', 'events.validation.endBeforeStart');
  if (v.format !== 'online' && !v.place) issue('place', 'events.validation.placeRequired');
  if (v.format !== 'in_person' && !v.onlineUrl) issue('onlineUrl', 'events.validation.urlRequired');
  if (v.registrationOpensAt && v.registrationClosesAt && v.registrationClosesAt <= v.registrationOpensAt) {
    issue('registrationClosesAt', 'events.validation.closesBeforeOpens');
  }
  if (v.visibility === 'group' && !v.groupId) issue('groupId', 'events.validation.groupRequired');
});
export type EventInput = z.infer<typeof eventSchema>;

export const cancelEventSchema = z.object({
  reason: z.string().trim().min(3, 'events.validation.reason').max(1000, 'validation.tooLong'),
});

export const registerSchema = z.object({
  shareEmail: z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true', z.boolean()).default(false),
});

/** Attendance: the ids of the registrations ticked as present (a checkbox per participant). */
export const attendanceSchema = z.object({
  attended: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d{1,9}$/, 'validation.invalid')).max(10_000).transform((l) => [...new Set(l.map(Number))]),
  ),
});
