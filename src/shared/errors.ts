// One error vocabulary for the whole app. Services throw these; the error handler turns them
// into the matching status and page (or JSON for the API).

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: FieldErrors,
    /** Values for the message's {placeholders}. */
    public readonly vars?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The thing does not exist, or the reader may not know it exists. */
export const notFound = (message = 'errors.notFound') => new AppError(404, 'not_found', message);
/** The actor is known but may not do this. */
export const forbidden = (message = 'errors.forbidden') => new AppError(403, 'forbidden', message);
/** The request conflicts with the current state (already done, taken, changed meanwhile). */
export const conflict = (message: string, fields?: FieldErrors) =>
  new AppError(409, 'conflict', message, fields);
/** The input is not acceptable; `fields` maps form field names to message keys. */
export const invalid = (message: string, fields?: FieldErrors) =>
  new AppError(422, 'invalid', message, fields);
/** Too many attempts. */
export const tooMany = (message: string, vars?: Record<string, string | number>) => new AppError(429, 'too_many', message, undefined, vars);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
