// Request limits of /api/v1 (express-rate-limit, counted in PostgreSQL so all processes share them): per personal access token
// when the request presents a valid one, else per IP address (visitors, and refused tokens, so
// guessing tokens is limited too). IETF draft-8 headers (RateLimit, RateLimit-Policy); 429 as problem+json.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../../config.js';
import type { AppContext } from '../module.js';
import { sharedStore } from '../../web/middleware/rate-limit.js';
import { apiState } from './api.reader.js';
import { sendProblem } from './api.problem.js';

const WINDOW_MS = 60_000;

export function apiLimits(ctx: Pick<AppContext, 'ds'> & { config: AppContext['config'] & Pick<Config, 'RATE_LIMIT_API_TOKEN_PER_MINUTE' | 'RATE_LIMIT_API_IP_PER_MINUTE'> }): RequestHandler {
  const { config } = ctx;
  const tokenId = (res: Response) => {
    const s = apiState(res);
    return s.refused ? null : s.tokenId;
  };
  return rateLimit({
    windowMs: WINDOW_MS,
    store: sharedStore(ctx, 'api'),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: (_req, res) => (tokenId(res) === null ? 'api-ip' : 'api-token'),
    limit: (_req, res) => (tokenId(res) === null ? config.RATE_LIMIT_API_IP_PER_MINUTE : config.RATE_LIMIT_API_TOKEN_PER_MINUTE),
    keyGenerator: (req: Request, res: Response) => {
      const id = tokenId(res);
      return id === null ? `ip:${ipKeyGenerator(req.ip ?? 'unknown')}` : `token:${id}`;
    },
    handler: (req, res) => sendProblem(req, res, 429, req.t('api.errors.tooMany')),
  });
}
