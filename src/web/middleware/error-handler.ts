// The one error handler: AppErrors become their status and page (a form shown again for 422/409
// with field messages, JSON for /api and fetch requests); the database being away is a 503 with
// Retry-After ("temporarily unavailable", in the language found before the session was read);
// anything else is logged with the request id and shown as a plain 500 without details.
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../db/unavailable.js';
import { AppError, isAppError } from '../../shared/errors.js';

const SECRET_FIELDS = /password|token|code|_csrf|secret/i;

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json');
}

/** The user's input to show again: strings only, secrets dropped. */
function keptValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([k]) => !SECRET_FIELDS.test(k)));
}

export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  let status = 500;
  let appError: AppError | undefined;
  if (isAppError(err)) {
    appError = err;
    status = err.status;
  } else if (err && typeof err === 'object' && 'status' in err && typeof err.status === 'number' && err.status < 500) {
    // body-parser and friends: malformed or oversized input.
    status = err.status;
    appError = new AppError(status, 'bad_request', status === 413 ? 'errors.tooLarge' : 'errors.badRequest');
  }
  if (!appError && isDatabaseUnavailable(err)) {
    status = 503;
    appError = new AppError(503, 'unavailable', 'errors.unavailable');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    req.log?.warn({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'database unavailable');
  } else if (status >= 500) req.log?.error({ err }, 'unhandled error');
  const message = req.t ? req.t(appError?.message ?? 'errors.server', appError?.vars) : 'Error';

  // The JSON API answers in RFC 9457 problem details, also for what stops a request before its
  // router (a POST refused for its CSRF token, a body too large).
  if (req.path.startsWith('/api/v1/') || req.path === '/api/v1') {
    res.status(status).type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: message, instance: req.path }));
    return;
  }
  if (wantsJson(req)) {
    res.status(status).json({ error: appError?.code ?? 'server_error', message, fields: appError?.fields });
    return;
  }
  if (appError && (status === 422 || status === 409) && req.formSpec) {
    const spec = req.formSpec;
    Promise.resolve(spec.locals?.(req) ?? {})
      .then((locals) => {
        const errors = appError.fields ?? { _form: appError.message };
        const errorList = Object.entries(errors).map(([field, key]) => ({ field, text: req.t(key) }));
        res.status(status).render(spec.view, {
          ...locals,
          values: { ...(locals.values as object | undefined), ...keptValues(req.body) },
          errors,
          errorList,
          formError: errors._form ? req.t(errors._form) : undefined,
        });
      })
      .catch(next);
    return;
  }
  const view = [401, 403, 404, 429, 503].includes(status) ? `errors/${status}` : status < 500 ? 'errors/400' : 'errors/500';
  // A refusal for too many attempts has a short heading; the message (how long to wait) follows it.
  const title = status === 429 && req.t ? req.t('errors.429.title') : message;
  const retryPath = status === 503 && req.method === 'GET' ? req.originalUrl : undefined;
  res.status(status).render(view, { title, message, retryPath, requestId: status >= 500 && status !== 503 ? String(req.id) : undefined });
}
