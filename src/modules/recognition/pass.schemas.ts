// The Kompetenzpass settings form. Messages are i18n keys.
import { z } from 'zod';
import { PASS_VISIBILITIES } from './pass.entity.js';

export const visibilitySchema = z.object({
  visibility: z.enum(PASS_VISIBILITIES, { message: 'recognition.pass.validation.visibility' }),
});
