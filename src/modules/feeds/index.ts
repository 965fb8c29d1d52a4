// Feeds: RSS 2.0 and Atom for the modules' public content (PraxisModule.feeds), with autodiscovery
// links on the matching pages; private feeds through a personal access token with read:network.
import type { PraxisModule } from '../module.js';
import { feedLinks } from './feeds.links.js';
import { feedsRouter } from './feeds.routes.js';

export { xmlText } from './feeds.xml.js';

export const feedsModule: PraxisModule = {
  name: 'feeds',
  router: feedsRouter,
  pageLocals: feedLinks,
};
