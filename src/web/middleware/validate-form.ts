// validateForm(schema, { view }): parses req.body with a zod schema. On failure the same form is
// shown again with status 422, the user's input kept and a message next to each field. The parsed
// value is in req.valid (read it with formData<typeof schema>(req)).
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { invalid, type FieldErrors } from '../../shared/errors.js';
import type { FormSpec } from '../types.js';

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join('.') || '_form';
    if (fields[name]) continue;
    // Our schemas give message keys ("validation.…"); zod's own messages fall back to a generic one.
    fields[name] = /^[a-z][\w-]*(\.[\w-]+)+$/i.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return fields;
}

/**
 * The spec for this request. Its locals run later, in the error handler, where Express has already
 * reset req.params: give them back the route's params (e.g. the slug of the thing being edited).
 */
function specFor(req: Request, spec: FormSpec): FormSpec {
  const { locals } = spec;
  if (!locals) return spec;
  const params = req.params;
  return { ...spec, locals: (r) => { r.params = params; return locals(r); } };
}

export function validateForm<S extends z.ZodType>(schema: S, spec: FormSpec) {
  return (req: Request, _res: Response, next: NextFunction) => {
    req.formSpec = specFor(req, spec);
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) return next(invalid('validation.summary', zodFieldErrors(parsed.error)));
    req.valid = parsed.data;
    next();
  };
}

/** Marks the form to show again when the service refuses the input (e.g. "e-mail taken"). */
export function formView(spec: FormSpec) {
  return (req: Request, _res: Response, next: NextFunction) => {
    req.formSpec = specFor(req, spec);
    next();
  };
}

export const formData = <S extends z.ZodType>(req: Request): z.infer<S> => req.valid as z.infer<S>;
