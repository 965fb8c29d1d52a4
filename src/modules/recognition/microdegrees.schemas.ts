// The facilitators' micro-degree form: title, description, language, competence areas and a fixed
// number of requirement rows (type, target, count, label; works without JavaScript). Rows with no
// type are skipped; the rest become the stored requirements. Messages are i18n keys.
import { z } from 'zod';
import { ACTIVITY_KINDS, type ActivityKind } from '../../shared/activity.js';
import { competenceAreas } from '../../shared/competences.js';
import { MARKDOWN_MAX_CHARS } from '../../shared/markdown.js';
import { MAX_CERTIFICATES, MAX_CONTRIBUTIONS, MAX_REQUIREMENTS, type Requirement } from './microdegrees.model.js';

/** Activity kinds a contributions row may count (certificates have their own row type, with courses). */
export const CONTRIBUTION_KINDS = ACTIVITY_KINDS.filter((k) => k !== 'academy.certificate');
/** The row types of the form's select: certificates, a badge, or one activity kind. */
export const ROW_TYPES = ['certificates', 'badge', ...CONTRIBUTION_KINDS] as const;

export const ROWS = Array.from({ length: MAX_REQUIREMENTS }, (_, i) => i + 1);
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const M = 'recognition.microdegrees.validation';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');
const list = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(50, 'validation.invalid'));

const rowFields = Object.fromEntries(ROWS.flatMap((i) => [
  [`type${i}`, text(80)],
  [`target${i}`, text(2000)],
  [`count${i}`, text(10)],
  [`label${i}`, text(120)],
])) as Record<string, ReturnType<typeof text>>;

const baseSchema = z.object({
  title: z.string().trim().min(3, `${M}.title`).max(120, 'validation.tooLong'),
  description: z.string().trim().max(MARKDOWN_MAX_CHARS, 'validation.tooLong').default(''),
  language: z.enum(['de', 'en'], { message: 'validation.invalid' }).default('de'),
  competences: list,
  ...rowFields,
});
type Base = z.infer<typeof baseSchema> & Record<string, string>;
type Issue = (path: string, message: string) => void;

/** The competence areas and requirement rows of the form; every problem goes to `issue` at its field. */
function readForm(v: Base, issue: Issue) {
  const areas = new Set(competenceAreas().map((a) => a.key));
  const competences = [...new Set(v.competences)];
  if (competences.length === 0) issue('competences', `${M}.competences`);
  else if (competences.some((c) => !areas.has(c))) issue('competences', 'validation.invalid');

  const requirements: Requirement[] = [];
  /** The form row each requirement came from (service messages go to its fields). */
  const rows: number[] = [];
  for (const i of ROWS) {
    const type = v[`type${i}`]!;
    const target = v[`target${i}`]!;
    const countText = v[`count${i}`]!;
    const label = v[`label${i}`]!;
    if (!type) {
      if (target || countText || label) issue(`type${i}`, `${M}.typeMissing`);
      continue;
    }
    if (!(ROW_TYPES as readonly string[]).includes(type)) { issue(`type${i}`, 'validation.invalid'); continue; }
    const count = /^\d{1,6}$/.test(countText) ? Number(countText) : NaN;
    if (type === 'badge') {
      if (!SLUG.test(target) || target.length > 80) issue(`target${i}`, `${M}.badgeKey`);
      else { requirements.push({ type: 'badge', key: target }); rows.push(i); }
      continue;
    }
    if (type === 'certificates') {
      const courses: string[] = target.split(/[\s,;]+/).filter(Boolean);
      if (courses.some((c) => !SLUG.test(c) || c.length > 80) || courses.length > MAX_CERTIFICATES) { issue(`target${i}`, `${M}.courses`); continue; }
      const distinct = [...new Set(courses)];
      if (!(count >= 1 && count <= MAX_CERTIFICATES)) { issue(`count${i}`, `${M}.certificateCount`); continue; }
      if (distinct.length && count > distinct.length) { issue(`count${i}`, `${M}.moreThanCourses`); continue; }
      requirements.push(distinct.length ? { type: 'certificates', count, courses: distinct } : { type: 'certificates', count });
      rows.push(i);
      continue;
    }
    if (!(count >= 1 && count <= MAX_CONTRIBUTIONS)) { issue(`count${i}`, `${M}.contributionCount`); continue; }
    requirements.push({ type: 'contributions', kind: type as ActivityKind, count, ...(label ? { label } : {}) });
    rows.push(i);
  }
  if (requirements.length === 0 && !ROWS.some((i) => v[`type${i}`])) issue('type1', `${M}.noRequirements`);
  return { competences, requirements, rows };
}

// The checks run in superRefine (which zod also runs when a field such as the title failed, so every
// message shows at once); the transform, run only without issues, builds the result.
export const microdegreeSchema = baseSchema
  .superRefine((v, ctx) => { readForm(v as Base, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })); })
  .transform((v) => ({ title: v.title, description: v.description, language: v.language, ...readForm(v as Base, () => undefined) }));
export type MicrodegreeInput = z.infer<typeof microdegreeSchema>;

/** The form's field values for a stored micro-degree (the edit form). */
export function formValuesOf(m: { title: string; descriptionSource: string; language: string; competences: string[]; requirements: Requirement[] }): Record<string, unknown> {
  const values: Record<string, unknown> = { title: m.title, description: m.descriptionSource, language: m.language, competences: m.competences };
  m.requirements.forEach((r, n) => {
    const i = n + 1;
    if (r.type === 'certificates') Object.assign(values, { [`type${i}`]: 'certificates', [`target${i}`]: (r.courses ?? []).join(', '), [`count${i}`]: String(r.count) });
    else if (r.type === 'badge') Object.assign(values, { [`type${i}`]: 'badge', [`target${i}`]: r.key, [`count${i}`]: '1' });
    else Object.assign(values, { [`type${i}`]: r.kind, [`count${i}`]: String(r.count), [`label${i}`]: r.label ?? '' });
  });
  return values;
}
