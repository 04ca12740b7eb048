import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import rules several folders share: packages are imported whole, and the two apps meet
// only in packages/shared.
const wholePackages = {
  group: ['@crosstally/*/src/*', '@crosstally/*/dist/*'],
  message: 'import the package, not its files',
};
const apart = 'the API and the worker share code through packages/shared only';
const notTheWorker = { group: ['**/worker/src/**'], message: apart };
const notTheApi = { group: ['**/api/src/**'], message: apart };

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'storage/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    // Type-aware rules where async work must not be dropped: the code is full of it.
    files: ['apps/**/*.ts', 'packages/**/*.ts', 'migrations/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: {
        // The unit tests beside the code belong to the tests' project, not their package's.
        project: ['apps/*/tsconfig.json', 'packages/*/tsconfig.json', 'migrations/tsconfig.json', 'test/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The pages' own scripts run in the browser, as plain scripts (no build step).
    files: ['apps/api/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [wholePackages],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time and typed against Kysely<any> on purpose.
    files: ['migrations/src/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/shared/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:fs*',
                'node:net',
                'node:http*',
                'pg',
                'kysely',
                'ioredis',
                'bullmq',
                'sharp',
                'tesseract.js',
                'fastify',
              ],
              message: 'domain/ is pure: no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // The faces (JSON routes, pages, the CLI) parse, call a use case and answer: no query of
    // their own (docs/architecture.md). A query belongs in a repository.
    files: ['apps/api/src/routes/**', 'apps/api/src/web/**', 'apps/api/src/cli/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'a face runs no query: call a use case, and put the query in a repository' },
          ],
          patterns: [wholePackages, notTheWorker],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction|with)$/]',
          message: 'a face runs no query: call a use case, and put the query in a repository',
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**'],
    ignores: ['apps/api/src/routes/**', 'apps/api/src/web/**', 'apps/api/src/cli/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [wholePackages, notTheWorker],
        },
      ],
    },
  },
  {
    // The use cases orchestrate (they may open the transaction their repositories share);
    // the queries themselves live in repositories. The audit chain's store and the grant
    // scope fragment are repositories in all but their folder.
    files: ['apps/api/src/**'],
    ignores: [
      'apps/api/src/repositories/**',
      'apps/api/src/routes/**',
      'apps/api/src/web/**',
      'apps/api/src/cli/**',
      'apps/api/src/audit/audit-log.ts',
      'apps/api/src/auth/scope.ts',
      '**/*.test.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', allowTypeImports: true, message: 'a use case runs no query: put it in a repository' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
          message: 'a use case runs no query: put it in a repository',
        },
      ],
    },
  },
  {
    files: ['apps/worker/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [wholePackages, notTheApi],
        },
      ],
    },
  },
);
