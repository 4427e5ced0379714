#!/usr/bin/env node
// `npx chorus …`: builds the CLI bundle if it is missing or stale (esbuild, well under a second), then runs it.
// `chorus render` runs the app itself in a headless Chromium: the renderer is built too when stale.
import { buildNode, buildRenderer } from '../scripts/build.mjs';

await buildNode();
if (process.argv[2] === 'render') await buildRenderer();
await import('../dist/node/cli.mjs');
