// Every module, in the order their routers are mounted and their demo content is loaded.
// A new module adds one line here.
import { academyModule } from './academy/index.js';
import { accountsModule } from './accounts/index.js';
import { administrationsModule } from './administrations/index.js';
import { eventsModule } from './events/index.js';
import { forumModule } from './forum/index.js';
import { auditModule } from './audit/index.js';
import { dashboardModule } from './dashboard/index.js';
import { guidesModule } from './guides/index.js';
import { homeModule } from './home/index.js';
import { mailModule } from './mail/index.js';
import type { PraxisModule } from './module.js';
import { notificationsModule } from './notifications/index.js';
import { pagesModule } from './pages/index.js';
import { usecasesModule } from './usecases/index.js';
import { searchModule } from './search/index.js';
import { recognitionModule } from './recognition/index.js';
import { tokensModule } from './tokens/index.js';
import { feedsModule } from './feeds/index.js';
import { apiModule } from './api/index.js';
import { webhooksModule } from './webhooks/index.js';
import { ssoModule } from './sso/index.js';
import { mediaModule } from './media/index.js';

export const modules: PraxisModule[] = [
  auditModule,
  mailModule,
  administrationsModule,
  accountsModule,
  ssoModule,
  tokensModule,
  feedsModule,
  apiModule,
  notificationsModule,
  usecasesModule,
  guidesModule,
  forumModule,
  academyModule,
  eventsModule,
  mediaModule,
  recognitionModule,
  searchModule,
  webhooksModule,
  // After every module whose demo activity it rolls up (loadDemoActivity runs in this order).
  dashboardModule,
  homeModule,
  pagesModule,
];
