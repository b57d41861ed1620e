import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['.output', '.output-test', '.wxt', 'node_modules', 'demo-output', 'bench-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['demo/**/*.js', 'scripts/**/*.mjs', 'demo/**/*.mjs'],
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', history: 'readonly', location: 'readonly',
        fetch: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly',
        process: 'readonly', URL: 'readonly', Promise: 'readonly', requestAnimationFrame: 'readonly',
        HTMLElement: 'readonly', Event: 'readonly', FormData: 'readonly', navigator: 'readonly',
      },
    },
  },
);
