import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['.output', '.output-test', '.wxt', 'node_modules', 'demo-output', 'bench-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    extends: [importX.flatConfigs.typescript],
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Vitest fixtures take `({}, use)`: the empty pattern says "no other fixture".
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // Domains depend on each other in one direction only.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Domains meet through each other's index.ts (and share types through lib/contracts).
    files: ['lib/*/*.ts'],
    ignores: ['lib/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!annotations/overlay$)[a-z-]+/',
              message: 'Import another domain through its index.ts, not its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/*/*/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./[a-z-]+/',
              message: 'Import another domain through its index.ts, not its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contracts leaf imports no domain: everything else may depend on it.
    files: ['lib/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\.|@/)', message: 'lib/contracts imports nothing of ours.' }],
        },
      ],
    },
  },
  {
    // Code that ships into every recorded page stays small and never touches
    // storage: dexie, zod and lib/storage are for the background and pages.
    files: ['entrypoints/*.content.ts', 'lib/recording/**/*.ts', 'lib/annotations/overlay/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'dexie',
                'dexie/*',
                'zod',
                'zod/*',
                '**/storage',
                '**/storage/*',
                '@/lib/storage*',
              ],
              allowTypeImports: true,
              message: 'Content scripts must not bundle dexie, zod or lib/storage (types only).',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JS: the demo product runs in the browser; scripts run in Node and
    // hand functions to page.evaluate, so they see both.
    files: ['demo/**/*.{js,mjs}', 'scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // Test pages served to the browser by test/e2e/support/sites.ts.
    files: ['test/e2e/sites/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
