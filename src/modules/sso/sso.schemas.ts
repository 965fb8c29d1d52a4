// One zod schema per form: the type and the checks. Messages are message keys.
import { z } from 'zod';
import { emailField } from '../accounts/index.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "stadt.de, verwaltung.stadt.de" or one per line → lower-case domains, without duplicates. */
const domainList = z
  .string()
  .max(2000, 'validation.tooLong')
  .transform((v) => [...new Set(v.toLowerCase().split(/[\s,;]+/).map((d) => d.replace(/^@/, '')).filter(Boolean))])
  .refine((l) => l.length > 0, 'sso.admin.errors.domainsRequired')
  .refine((l) => l.length <= 50, 'validation.tooLong')
  .refine((l) => l.every((d) => DOMAIN.test(d)), 'sso.admin.errors.domains');

export const settingsSchema = z.object({
  issuerUrl: z.string().trim().min(1, 'validation.required').max(500, 'validation.tooLong').transform((v) => v.replace(/\/+$/, '')),
  clientId: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  /** Empty: keep the stored secret. */
  clientSecret: z.string().trim().max(500, 'validation.tooLong').default(''),
  allowedDomains: domainList,
  departmentClaim: z.string().trim().max(100, 'validation.tooLong').regex(/^[A-Za-z0-9_.:/-]*$/, 'sso.admin.errors.claim').default(''),
  enabled: z.enum(['yes', 'no'], 'validation.invalid'),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export const chooseByEmailSchema = z.object({ email: emailField, next: z.string().max(500).optional() });

export const linkSchema = z.object({ password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong') });
