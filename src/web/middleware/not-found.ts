// Anything no router answered.
import type { NextFunction, Request, Response } from 'express';
import { notFound as notFoundError } from '../../shared/errors.js';

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(notFoundError());
}
