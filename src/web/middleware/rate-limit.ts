// Per-IP request limits for sign-in, registration, password reset and posting. In-memory per
// process; the sign-in lock-out itself lives in PostgreSQL (accounts/throttle.ts).
import type { Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../shared/errors.js';

export function limitPerMinute(max: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req: Request) => req.method === 'GET',
    handler: (_req, _res, next) => next(new AppError(429, 'too_many', 'errors.tooManyRequests')),
  });
}
