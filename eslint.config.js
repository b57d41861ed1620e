import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output', '.output-test', '.wxt', 'node_modules', 'demo-output', 'bench-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
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
