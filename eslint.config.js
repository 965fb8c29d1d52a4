import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'public/js/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    // DESIGN "Persistence": hand-written SQL lives only in a module's *.queries.ts (reads) and
    // *.store.ts (writes) files, and in the search engine adapters (*.engine.ts); services, routes,
    // index.ts, views and hook files call those. The SQL helper's functions are for them alone.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.queries.ts', 'src/modules/**/*.store.ts', 'src/modules/**/*.engine.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='query']",
        message: 'Hand-written SQL belongs in the module\'s *.queries.ts or *.store.ts (DESIGN "Persistence").',
      }],
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/db/sql.js'],
          importNames: ['rows', 'one', 'affected', 'returned'],
          allowTypeImports: true,
          message: 'Run SQL from the module\'s *.queries.ts or *.store.ts; import only the Db/Queryable types here.',
        }],
      }],
    },
  },
  {
    // dependency-cruiser reads a CommonJS configuration.
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
);
