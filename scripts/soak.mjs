// `npm run soak`: builds the renderer when stale, bundles the soaks (they drive the built app in Chromium
// through playwright-core) into dist/soak/ and runs them, the workspace's then the kiosk's:
//   --workspace [--minutes M ...]   only the workspace soak (test/e2e/soakMain.ts; 30 minutes by default)
//   --kiosk [--cycles N ...]        only the kiosk soak (test/e2e/kioskSoakMain.ts; 1,000 cycles by default)
// The flags after the choice go to that soak. test/e2e/soak.e2e.test.ts and kioskSoak.e2e.test.ts run
// the same soaks for 2 minutes each in `npm test`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await buildRenderer();
const args = process.argv.slice(2);
const only = args.includes('--kiosk') ? 'kiosk' : args.includes('--workspace') ? 'workspace' : null;
const passed = args.filter((arg) => arg !== '--kiosk' && arg !== '--workspace');
await build({
  absWorkingDir: root,
  entryPoints: { soak: 'test/e2e/soakMain.ts', kioskSoak: 'test/e2e/kioskSoakMain.ts' },
  outdir: 'dist/soak',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // The harness's vitest hooks are never called here; playwright-core stays a package.
  external: ['playwright-core', 'vitest'],
  logLevel: 'warning',
});
let failed = false;
for (const [name, file] of [['workspace', 'soak.mjs'], ['kiosk', 'kioskSoak.mjs']]) {
  if (only && only !== name) continue;
  const run = spawnSync(process.execPath, [`${root}dist/soak/${file}`, ...(only ? passed : [])], { cwd: root, stdio: 'inherit' });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
