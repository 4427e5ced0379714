#!/usr/bin/env node
// `npx chorus …`: builds the CLI bundle if it is missing or stale (esbuild, well under a second), then runs it.
import { buildNode } from '../scripts/build.mjs';

await buildNode();
await import('../dist/node/cli.mjs');
