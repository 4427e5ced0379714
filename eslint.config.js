// Lint: typescript-eslint's recommended rules plus the layering of STYLE.md rule 1, enforced two ways:
// - Which packages a room may import (no-restricted-imports): shared/ imports no Node built-in (with or
//   without 'node:'), no Electron and no UI library, and uses no Node or DOM global and no timer (the
//   shared tsconfig has no Node or DOM types either; test/unit/layering.test.ts probes both guards);
//   only electron/ imports 'electron'; only renderer/ imports React and three; node/ is plain Node.
// - Which folders a file may import by relative path (chorus/import-layers, table below): renderer/,
//   electron/ and node/ each import only themselves and shared/; shared/ imports nothing outside itself,
//   and its parts form a ladder with no cycles:
//     math, random, types      primitives: import nothing
//     dataset                  the model: math, random
//     formats, analysis        dataset and the primitives; neither imports the other
//     simulate                 dataset, the primitives, and analysis/linalg (the Cholesky it draws with)
//     network                  dataset, the primitives and analysis; only view and story import network
//     view                     how a network is shown (the view-file contract): network and below
//     story                    talks of views (story files, the demo story): view, network and below
//     export                   files for people (CSV): dataset, the primitives and analysis; nothing imports it
//     desktop                  the desktop app's files (settings, recent list, launch requests): view,
//                              network, formats and below
//     platform                 the preload contract: desktop (its settings) only
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import chorus from './scripts/lint/importLayers.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'three', 'three/*', '@react-three/*', 'zustand', 'zustand/*'];

// Every Node built-in by its bare name (from node:module's own list, so `import os from 'os'` is caught
// as surely as 'node:os'); the 'node:*' pattern beside it catches each with the prefix, including the
// prefix-only ones such as node:test. Listing the prefixed names here too would report each twice.
const nodeBuiltins = (message) => builtinModules.map((name) => ({ name, message }));

// Globals that exist only in Node or only in a page. shared/ code runs in both and in workers, so it takes
// what it needs as an argument; timers are out too (STYLE.md rule 4: the caller schedules, shared/ computes).
const sharedForbiddenGlobals = {
  'is Node only: shared/ runs in the page and workers too; take bytes as Uint8Array, settings as arguments': [
    'Buffer', 'process', 'global', 'require', 'module', 'exports', '__dirname', '__filename',
  ],
  'is the DOM: shared/ runs in Node and workers too; take what you need as an argument': [
    'window', 'self', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'requestAnimationFrame', 'fetch',
  ],
  'is a timer: shared/ modules are pure (STYLE.md rule 4); the caller schedules': [
    'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask',
  ],
};
const sharedGlobalRules = Object.entries(sharedForbiddenGlobals).flatMap(([why, names]) => names.map((name) => ({ name, message: `${name} ${why}.` })));

// Each area imports itself and the folders listed (a folder, or one file without its extension). The
// longest matching area wins; plain 'shared' catches a new part of shared/ until it gets its own row,
// so nothing can import it before its place in the ladder is decided.
const primitives = ['shared/math', 'shared/random', 'shared/types'];
const layers = {
  'shared/math': [],
  'shared/random': [],
  'shared/types': [],
  'shared/dataset': ['shared/math', 'shared/random'],
  'shared/formats': ['shared/dataset', ...primitives],
  'shared/analysis': ['shared/dataset', ...primitives],
  'shared/simulate': ['shared/dataset', ...primitives, 'shared/analysis/linalg'],
  'shared/network': ['shared/dataset', ...primitives, 'shared/analysis'],
  'shared/export': ['shared/dataset', ...primitives, 'shared/analysis'],
  'shared/view': ['shared/network', 'shared/dataset', ...primitives, 'shared/analysis'],
  'shared/story': ['shared/view', 'shared/network', 'shared/dataset', ...primitives, 'shared/analysis'],
  'shared/kiosk': ['shared/story', 'shared/view', 'shared/network', 'shared/dataset', ...primitives, 'shared/analysis'],
  'shared/video': [],
  'shared/desktop': ['shared/view', 'shared/network', 'shared/formats', 'shared/dataset', ...primitives, 'shared/analysis'],
  'shared/platform': ['shared/desktop'],
  shared: [],
  renderer: ['shared'],
  electron: ['shared'],
  node: ['shared'],
};

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
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'node/**/*.ts'],
    plugins: { chorus },
    rules: { 'chorus/import-layers': ['error', { root, layers }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins('shared/ is pure TypeScript: no Node built-ins (it runs in the page and workers too).'), { name: 'electron', message: 'shared/ does not know the shell.' }],
          patterns: [{ group: ['node:*', ...uiLibraries], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or UI libraries.' }],
        },
      ],
      'no-restricted-globals': ['error', ...sharedGlobalRules],
      // The same names reached through globalThis.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Every random step takes a seed (shared/random/seededRandom.ts).' },
        ...sharedGlobalRules.map(({ name, message }) => ({ object: 'globalThis', property: name, message })),
      ],
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
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer uses window.chorus only.' }, ...nodeBuiltins('The renderer runs in a browser sandbox.')],
          patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser sandbox.' }],
        },
      ],
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
        { paths: [{ name: 'electron', message: 'The CLI runs in plain Node.' }], patterns: [{ group: uiLibraries, message: 'The CLI imports shared/ and Node only.' }] },
      ],
    },
  },
  {
    // Node scripts and tests; page.evaluate callbacks in them run in the browser.
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.ts', 'test/**/*.mjs', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
