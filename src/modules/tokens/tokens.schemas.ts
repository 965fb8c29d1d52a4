// One zod schema per form: the type and the checks. Messages are message keys.
import { z } from 'zod';
import { checkboxList } from '../accounts/index.js';
import { EXPIRIES, SCOPES } from './tokens.model.js';

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  scopes: checkboxList(z.enum(SCOPES, 'tokens.errors.scope'), SCOPES.length).refine((l) => l.length > 0, 'tokens.errors.scopeRequired'),
  expiry: z.enum(EXPIRIES, 'tokens.errors.expiry'),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
