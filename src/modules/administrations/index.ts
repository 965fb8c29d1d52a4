// Administrations: municipalities, counties, agencies and partners, with their e-mail domains
// (used to verify registrations) and population size classes ("municipalities like mine").
import type { PraxisModule } from '../module.js';
import { administrationApi } from './administrations.api.js';
import { AdministrationDomain } from './administration-domain.entity.js';
import { Administration } from './administration.entity.js';
import { loadDemoAdministrations } from './administrations.demo.js';
import { administrationsRouter } from './administrations.routes.js';
import { administrationsWithMembers } from './home.queries.js';

export { Administration, ADMINISTRATION_KINDS, type AdministrationKind } from './administration.entity.js';
export { sizeClassOf, SIZE_CLASSES, STATE_CODES, STATES, type SizeClass } from './size-class.js';
export { similarity, similarityReasons, similaritySql, SIZE_CLASS_POPULATION, type SimilarityRef, type SimilarityReason } from './similarity.js';
export { findAdministration, findReference, referenceByName, referenceOf, type AdministrationProfile, type ReferenceAdministration } from './administrations.queries.js';
export { similarityReasonText } from './similarity.text.js';

export const administrationsModule: PraxisModule = {
  name: 'administrations',
  entities: [Administration, AdministrationDomain],
  router: administrationsRouter,
  loadDemo: loadDemoAdministrations,
  // The visitors' home page: administrations with at least one active member.
  networkFigures: async (ds) => [{ order: 10, label: 'pages.visitor.figures.administrations', value: await administrationsWithMembers(ds) }],
  // Public profiles in the JSON API /api/v1/administrations (src/modules/api).
  api: (ctx) => [administrationApi(ctx)],
};
