// One zod schema per form: the type and the checks. Messages are message keys.
import { z } from 'zod';
import { CONTRIBUTION_CHOICES } from '../module.js';
import { isCommonPassword } from './common-passwords.js';
import { idField } from '../../shared/ids.js';

const trimmed = (max: number, key = 'validation.tooLong') => z.string().trim().max(max, key);

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email('validation.email'));

export const passwordField = z
  .string()
  .min(10, 'validation.password.tooShort')
  .max(200, 'validation.password.tooLong')
  .refine((p) => !isCommonPassword(p), 'validation.password.common');

export const handleField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{1,29}$/, 'validation.handle')
  // A deleted account's handle becomes former-<id>; a member holding one would block that deletion.
  .refine((h) => !h.startsWith('former-'), 'validation.handleReserved');

export const languageField = z.enum(['de', 'en'], 'validation.invalid');

/** Languages a member can say they speak (ISO 639-1): the site's two and those most spoken in German administrations' communities. */
export const SPOKEN_LANGUAGES = ['de', 'en', 'fr', 'tr', 'ar', 'uk', 'pl', 'ru'] as const;

/** Checkbox groups arrive as a string (one ticked), a list, or nothing. */
export const checkboxList = <T extends z.ZodType>(item: T, max = 30) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(max, 'validation.tooLong').transform((l) => [...new Set(l)]),
  );

export const spokenLanguagesField = checkboxList(z.enum(SPOKEN_LANGUAGES, 'validation.invalid'), SPOKEN_LANGUAGES.length);

export const registerSchema = z
  .object({
    name: z.string().trim().min(2, 'validation.required').max(100, 'validation.tooLong'),
    handle: handleField,
    email: emailField,
    password: passwordField,
    organization: trimmed(200).default(''),
    language: languageField.default('de'),
    consent: z.literal('yes', 'validation.consent'),
  })
  .refine((v) => v.password.toLowerCase() !== v.email, { path: ['password'], message: 'validation.password.isEmail' });
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.tooLong'),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
  next: z.string().optional(),
});

export const secondFactorSchema = z.object({
  code: z.string().trim().min(6, 'validation.code').max(32, 'validation.code'),
  next: z.string().optional(),
});

export const forgotSchema = z.object({ email: emailField });

export const resetSchema = z.object({
  token: z.string().min(10).max(200),
  password: passwordField,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'validation.required').max(200),
  newPassword: passwordField,
});

export const profileSchema = z.object({
  name: z.string().trim().min(2, 'validation.required').max(100, 'validation.tooLong'),
  jobTitle: trimmed(120).default(''),
  department: trimmed(120).default(''),
  language: languageField,
  languages: spokenLanguagesField,
  bio: trimmed(2000).default(''),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const deleteAccountSchema = z.object({
  password: z.string().min(1, 'validation.required').max(200),
  confirm: z.literal('DELETE', 'validation.deleteConfirm'),
  // What happens to threads, replies, comments and the like (src/modules/module.ts).
  contributions: z.enum(CONTRIBUTION_CHOICES, 'validation.required').default('keep'),
});

export const enableTwoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'validation.code'),
});

export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, 'validation.required').max(200),
});

export const approveSchema = z.object({
  administrationId: idField(),
});

export const rejectSchema = z.object({
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(1000, 'validation.tooLong'),
});

export const roleSchema = z.object({
  role: z.enum(['member', 'facilitator', 'admin'], 'validation.invalid'),
  // The audit log records why a role changed, so a reason is required.
  reason: z.string().trim().min(5, 'validation.reasonRequired').max(500, 'validation.tooLong'),
});
