// Flat ESLint config. The import-boundary zones below are STYLE.md rule 2 made executable:
// app → components → lib and app → server → lib, never backwards.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const boundaryZones = [
  {
    target: './lib',
    from: ['./app', './components', './server'],
    message: 'lib/ is pure and isomorphic: it must not import app/, components/ or server/.',
  },
  {
    target: './components',
    from: ['./server', './app'],
    message: 'components/ must not import server/ or app/: pass plain DTOs down as props instead.',
  },
  {
    target: './server',
    from: ['./app', './components'],
    message: 'server/ must not import app/ or components/.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'test-results-*/**',
      'playwright-report-*/**',
      'node_modules/**',
      'out/**',
      'coverage/**',
      'next-env.d.ts',
      'playwright-report/**',
      'test-results/**',
      'blob-report/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true, project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      // TypeScript already checks named imports; this rule misreads some CJS/ESM packages.
      'import-x/named': 'off',
    },
  },
  {
    // Plain JS config files run in Node; TypeScript files get their globals from the type checker.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    // `tseslint.configs`, `nextPlugin.configs`: the documented way to use these CJS plugins.
    rules: { 'import-x/no-named-as-default-member': 'off' },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...reactHooks.configs.flat.recommended.rules,
      // The App Router has no pages/ directory for this rule to check against.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
);
