// Lint: typescript-eslint's recommended rules plus the layering of STYLE.md rule 1 —
// shared/ imports nothing outside itself (and no Node, DOM or UI library); only electron/ imports
// 'electron'; only renderer/ imports React and three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'three', 'three/*', '@react-three/*', 'zustand', 'zustand/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'tmp/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../renderer/*', '../../electron/*', '../renderer/*', '../electron/*', '**/renderer/**', '**/electron/**'], message: 'shared/ must not import the renderer or the shell.' },
            { group: ['node:*', 'fs', 'path', 'electron', ...uiLibraries], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or UI libraries.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Every random step takes a seed (shared/simulate/random.ts).' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules. The React-Compiler rules (immutability, refs) flag the r3f pattern of
      // mutating three.js objects in useFrame, which is the point of STYLE.md rule 8.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer uses window.chorus only.' }], patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser sandbox.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: uiLibraries, message: 'The shell does not render UI.' }] }] },
  },
  {
    // The CLI runs in plain Node: no Electron, no UI.
    files: ['node/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The CLI runs in plain Node.' }], patterns: [{ group: [...uiLibraries, '../electron/*', '../renderer/*'], message: 'The CLI imports shared/ and Node only.' }] },
      ],
    },
  },
  {
    // Node scripts and tests; page.evaluate callbacks in them run in the browser.
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.ts', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
