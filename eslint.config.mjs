// One flat config for the whole repo (`npm run lint`). The two Grafana plugins use Grafana's shared config, as
// plugins made with @grafana/create-plugin do; everything else (bridge, schema, dev scripts, e2e, bench) uses
// typescript-eslint's recommended rules. Formatting is prettier's job: eslint-config-prettier turns style rules off.
import js from '@eslint/js';
import grafanaConfig from '@grafana/eslint-config';
import prettierConfig from 'eslint-config-prettier';
import reactPlugin from 'eslint-plugin-react';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PLUGINS = ['datasource-plugin/**/*.{js,mjs,ts,tsx}', 'app-plugin/**/*.{js,mjs,ts,tsx}'];
const TESTS = ['**/*.test.{ts,tsx}', '**/jest-setup.js', '**/.config/jest*/**', '**/.config/jest-setup.js'];

/** Rules both halves add because they catch real bugs. */
const bugRules = {
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  // Japanese text separates words with the ideographic space (U+3000) on purpose, in templates and patterns too.
  'no-irregular-whitespace': ['error', { skipTemplates: true, skipRegExps: true }],
  '@typescript-eslint/no-unused-vars': [
    'error',
    // `_` marks a parameter a signature needs but the body does not; `...rest` omits keys from a copy.
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
  ],
};

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '.kansa/',
    'packages/',
    'bench/out/',
    '**/.cache/',
    'datasource-plugin/bin/',
    // Written by the schema's generators (field registry, query model); a stale-file test guards them.
    '**/src/generated/',
    // Raw log samples and golden outputs, not code.
    '**/testdata/',
  ]),

  {
    name: 'kansa/node',
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    ignores: PLUGINS,
    extends: [js.configs.recommended, tseslint.configs.recommended, prettierConfig],
    languageOptions: { globals: { ...globals.node } },
    rules: bugRules,
  },

  {
    name: 'kansa/plugins',
    files: PLUGINS,
    // Both plugins compile JSX with the automatic runtime (tsconfig "jsx": "react-jsx"): no React import needed.
    extends: [grafanaConfig, reactPlugin.configs.flat['jsx-runtime']],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...bugRules,
      // @grafana/eslint-config 10 passes @stylistic 5's `overrides.arrow`, which @stylistic 6 rejects.
      '@stylistic/type-annotation-spacing': ['error', { after: true, before: false }],
    },
  },
  {
    name: 'kansa/plugin-node-files',
    files: ['*-plugin/*.{js,mjs,ts}', '*-plugin/scripts/**', '*-plugin/.config/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    // A promise nobody awaits loses its error. Type-aware, so only where a tsconfig covers the file (the bridge's
    // and schema's leave their tests out). Measured on the whole repo, 2 cores: eslint 14 s -> 40 s, 0.6 -> 2.5 GB.
    name: 'kansa/promises',
    files: ['backend-bridge/src/**/*.ts', 'schema/src/**/*.ts', '*-plugin/src/**/*.{ts,tsx}'],
    ignores: ['backend-bridge/src/**/*.test.ts', 'schema/src/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async onClick is React's usual form; the pages' handlers catch their own failures and show them.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },

  {
    name: 'kansa/tests',
    files: TESTS,
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },

  {
    name: 'kansa/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // These files are CommonJS (jest configs, the CLI's bin): require is how they import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    // page.evaluate callbacks run in the browser, so the scenarios name window and document.
    name: 'kansa/e2e-browser-callbacks',
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'kansa/e2e-host',
    files: ['e2e/host/**'],
    languageOptions: { globals: { ...globals.browser } },
    // The stand-in host plugs into SystemJS and Grafana's runtime singletons, which have no types to name.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
