import { z } from 'zod';
import { ADMINISTRATION_KINDS } from './administration.entity.js';
import { STATE_CODES, STATES } from './size-class.js';

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const administrationSchema = z
  .object({
    name: z.string().trim().min(2, 'validation.required').max(200, 'validation.tooLong'),
    // Empty: derived from the name when created (kept when edited), see administrations.service.
    slug: z.string().trim().toLowerCase().max(80, 'validation.tooLong').default('')
      .refine((v) => v === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), 'validation.slug'),
    kind: z.enum(ADMINISTRATION_KINDS, 'validation.required'),
    state: z.enum(STATE_CODES as [string, ...string[]], 'validation.state'),
    ags: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s/g, ''))
      .refine((v) => v === '' || /^\d{8}$/.test(v), 'validation.ags')
      .transform((v) => (v === '' ? null : v)),
    population: z
      .string()
      .trim()
      .transform((v) => v.replace(/[.\s]/g, ''))
      .refine((v) => v === '' || /^\d{1,9}$/.test(v), 'validation.population')
      .transform((v) => (v === '' ? null : Number(v))),
    website: z
      .string()
      .trim()
      .refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), 'validation.url')
      .transform((v) => (v === '' ? null : v)),
    domains: z
      .string()
      .trim()
      .max(2000, 'validation.tooLong')
      .transform((v) => [...new Set(v.toLowerCase().split(/[\s,;]+/).map((d) => d.replace(/^@/, '')).filter(Boolean))])
      .refine((list) => list.every((d) => DOMAIN.test(d)), 'validation.domains'),
    description: z.string().trim().max(2000, 'validation.tooLong').default(''),
  })
  // The AGS starts with the state's number: 05… is Nordrhein-Westfalen.
  .refine((v) => !v.ags || v.ags.startsWith(STATES[v.state]!), { path: ['ags'], message: 'validation.agsState' });

export type AdministrationInput = z.infer<typeof administrationSchema>;
