// The dependency rules of ../shared/DESIGN.md ("Dependencies point one way"), checked by
// `npm run lint` (depcruise src bench): entry points → registry → modules → module contract
// (src/modules/module.ts) → web/, db/, shared/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and layers meaningless.',
      from: { pathNot: '[.]entity[.]ts$' },
      to: { circular: true },
    },
    {
      name: 'no-cycles-between-entities',
      severity: 'error',
      comment: 'Entities on both sides of a TypeORM relation name each other by type only (erased at run time); any other cycle is an error.',
      from: { path: '[.]entity[.]ts$' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-registry-below-entry-points',
      severity: 'error',
      comment: 'Only the composition root (src/composition.ts) imports the registry; modules receive the module list in the AppContext.',
      from: { path: '^src/', pathNot: '^src/composition[.]ts$' },
      to: { path: '^src/modules/registry[.]ts$' },
    },
    {
      name: 'shared-and-db-know-no-module',
      severity: 'error',
      comment: 'src/shared and src/db are the lowest layers: they import no module, no web code and no entry point (config and paths are leaves they may read).',
      from: { path: '^src/(shared|db)/' },
      to: { path: '^src/(modules|web|cli)/|^src/[^/]+[.]ts$', pathNot: '^src/(config|paths)[.]ts$' },
    },
    {
      name: 'web-knows-no-module',
      severity: 'error',
      comment: 'The web layer (middleware, view helpers) knows identity from src/shared, not a module\'s internals.',
      from: { path: '^src/web/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'entry-points-use-modules-through-index',
      severity: 'error',
      comment: 'Entry points, CLIs and benchmarks use a module through its index.ts (and the registry and contract).',
      from: { path: '^(src/[^/]+[.]ts|src/cli/|bench/)' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index[.]ts$' },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: 'A module uses another only through that module\'s index.ts.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'domain-knows-no-web',
      severity: 'error',
      comment: 'Services, policies, queries and stores are domain code: they do not depend on HTTP plumbing (routes and views may).',
      from: { path: '^src/modules/.+[.](service|policy|queries|store|privacy|model|entity)[.]ts$' },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-upward-from-modules',
      severity: 'error',
      comment: 'Modules import the contract and the lower layers, never an entry point.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(app|main|worker|boot|content-sync|composition)[.]ts$|^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
