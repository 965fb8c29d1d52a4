// One zod schema per form: the type and the checks. Messages are message keys.
import { z } from 'zod';
import { checkboxList } from '../accounts/index.js';
import { EXPIRIES, SCOPES, type Scope } from './tokens.model.js';

const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  // Checked as a whole, so the message belongs to the field, not to one ticked box.
  scopes: checkboxList(z.string(), 10)
    .refine((l) => l.every(isScope), 'tokens.errors.scope')
    .refine((l) => l.length > 0, 'tokens.errors.scopeRequired')
    .transform((l) => l.filter(isScope)),
  expiry: z.enum(EXPIRIES, 'tokens.errors.expiry'),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
