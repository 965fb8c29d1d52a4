// The watching forms: the player's checkpoint (the tenths of the duration played so far, "0,1,2,5":
// digits 0–9, comma-separated, as a form field, so that the same checks serve fetch and forms) and a
// facilitator's "required to complete the course" switch. Messages are i18n keys.
import { z } from 'zod';
import { maskOf } from './watching.model.js';

export const checkpointSchema = z.object({
  tenths: z.string().trim().regex(/^[0-9](,[0-9]){0,19}$/, 'media.watching.badTenths')
    .transform((s) => maskOf(s.split(',').map(Number))),
});

export const requiredSchema = z.object({
  required: z.enum(['yes', 'no'], 'validation.required').transform((v) => v === 'yes'),
});
