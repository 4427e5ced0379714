// `npm run soak [-- --minutes M]`: builds the renderer when stale, bundles the soak (test/e2e/soakMain.ts,
// which drives the built app in Chromium through playwright-core) into dist/soak/ and runs it. Default
// 30 minutes; test/e2e/soak.e2e.test.ts runs the same soak for 2 minutes in `npm test`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await buildRenderer();
await build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/soakMain.ts'],
  outfile: 'dist/soak/soak.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // The harness's vitest hooks are never called here; playwright-core stays a package.
  external: ['playwright-core', 'vitest'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [`${root}dist/soak/soak.mjs`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
