// Pages: home, accessibility statement and feedback, imprint, privacy, health check.
import type { PraxisModule } from '../module.js';
import { Feedback } from './feedback.entity.js';
import { pagesRouter } from './pages.routes.js';

export const pagesModule: PraxisModule = { name: 'pages', entities: [Feedback], router: pagesRouter };
