// RFC 9457 problem details, the only error body of /api/v1: `type` is about:blank (the status says
// it all) except where a problem has more to say; `errors` lists the parameters refused (400).
import type { Request, Response } from 'express';
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; "about:blank" when the status says it all.'),
    title: z.string().describe('The status in words, e.g. "Not Found".'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong with this request, in the language the request asked for (Accept-Language).'),
    instance: z.string().describe('The path of the request.'),
    errors: z
      .array(z.object({
        parameter: z.string().describe('The query or path parameter refused, e.g. "topic" or "cursor".'),
        detail: z.string().describe('Why it was refused, with the values allowed where there is a list.'),
      }))
      .optional()
      .describe('For 400: each parameter refused.'),
  })
  .describe('An error (RFC 9457 problem details, media type application/problem+json).');

export type Problem = z.infer<typeof problemSchema>;
export type ParameterError = NonNullable<Problem['errors']>[number];

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 413: 'Content Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function problem(req: Request, status: number, detail: string, errors?: ParameterError[]): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.originalUrl.split('?')[0]!,
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(req: Request, res: Response, status: number, detail: string, errors?: ParameterError[]): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
  res.set('Cache-Control', 'no-store');
  res.status(status).type('application/problem+json').send(JSON.stringify(problem(req, status, detail, errors)));
}
