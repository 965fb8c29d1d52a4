// The JSON API: read-only /api/v1 over the resources the modules declare (PraxisModule.api), with
// token auth, rate limits, ETag, CORS, problem+json, cursors and the OpenAPI document.
import type { PraxisModule } from '../module.js';
import { apiRouter } from './api.routes.js';

export { API_PREFIX } from './api.routes.js';

export const apiModule: PraxisModule = {
  name: 'api',
  router: apiRouter,
};
