// `npm run validate [-- --frames F --seed S]`: bundles the statistical validation (test/validate/main.ts)
// into dist/validate/ and runs it. A seeded subset runs in `npm test` (test/unit/analysis/coverage.test.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({ absWorkingDir: root, entryPoints: ['test/validate/main.ts'], outfile: 'dist/validate/validate.mjs', bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
const run = spawnSync(process.execPath, [`${root}dist/validate/validate.mjs`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
