// Request limits, counted in PostgreSQL so that all web processes share them
// (src/db/rate-limit.store.ts; the sign-in lock-out itself lives in PostgreSQL too,
// accounts/throttle.ts). stateChangeLimits() is mounted once in app.ts in front of every module
// router, so every state-changing request is counted, whatever route it goes to; limitPerMinute()
// adds the stricter per-IP limit of sign-in, registration and password reset on top.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import { PostgresRateLimitStore } from '../../db/rate-limit.store.js';
import { AppError } from '../../shared/errors.js';

/** Reading changes nothing and is not counted. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const skip = (req: Request) => SAFE.has(req.method);
const refuse: RequestHandler = (_req, _res, next) => next(new AppError(429, 'too_many', 'errors.tooManyRequests'));
const clientIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

type LimitContext = { ds: DataSource; config: Pick<Config, 'sessionSecret' | 'RATE_LIMIT_NAMESPACE'> };

/** A limiter's store in PostgreSQL, shared by every process of the deployment; `name` keeps limiters apart. */
export function sharedStore(ctx: LimitContext, name: string): PostgresRateLimitStore {
  return new PostgresRateLimitStore(ctx.ds, { name, secret: ctx.config.sessionSecret, namespace: ctx.config.RATE_LIMIT_NAMESPACE });
}

/** `max` non-reading requests per minute and address; `name` identifies the limiter (its count is its own). */
export function limitPerMinute(ctx: LimitContext, name: string, max: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: max,
    store: sharedStore(ctx, name),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip,
    handler: refuse,
  });
}

/**
 * Every POST (and any other non-reading method), before the route runs and before a request body
 * of an upload is read: per member when signed in, per IP for visitors
 * (RATE_LIMIT_POST_PER_MINUTE), and per IP for everyone together with a wider budget
 * (RATE_LIMIT_IP_POST_PER_MINUTE), because the staff of a town hall share one address.
 */
export function stateChangeLimits(ctx: { ds: DataSource; config: LimitContext['config'] & Pick<Config, 'RATE_LIMIT_POST_PER_MINUTE' | 'rateLimitIpPostPerMinute'> }): RequestHandler[] {
  const { config } = ctx;
  const common = { windowMs: 60_000, standardHeaders: 'draft-8', legacyHeaders: false, skip, handler: refuse } as const;
  return [
    rateLimit({
      ...common,
      identifier: 'member-or-visitor',
      store: sharedStore(ctx, 'post'),
      limit: config.RATE_LIMIT_POST_PER_MINUTE,
      keyGenerator: (req) => (req.user ? `member:${req.user.id}` : `ip:${clientIp(req)}`),
    }),
    rateLimit({ ...common, identifier: 'address', store: sharedStore(ctx, 'post-ip'), limit: config.rateLimitIpPostPerMinute, keyGenerator: clientIp }),
  ];
}
