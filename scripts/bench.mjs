// `npm run bench`: builds the benchmark bundle next to the CLI's frame worker and runs it, then the
// start-up measurement of the app. Generated data go to bench/out/ (ignored by git).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await buildNode();
await build({
  absWorkingDir: root,
  entryPoints: ['bench/main.ts'],
  outfile: 'dist/node/bench.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  entryPoints: ['bench/largeNwb.ts'],
  outfile: 'dist/node/largeNwb.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  entryPoints: ['bench/videoExport.ts'],
  outfile: 'dist/node/videoExportBench.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  external: ['playwright-core'],
});
await build({
  absWorkingDir: root,
  entryPoints: ['bench/shard10k.ts'],
  outfile: 'dist/node/shard10k.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
const args = process.argv.slice(2);
const run = (script, extra = []) => spawnSync('node', [script, ...extra], { cwd: root, stdio: 'inherit' }).status;
let status = run('dist/node/bench.mjs', args);
if (!args.includes('--no-shard10k')) {
  console.log('\nOne shard of a 10,000-neuron, 4,000-trial frame (chorus slurm, 20 sessions × 3 epochs, 2048 shards, --max-memory 4G):');
  status ||= run('dist/node/shard10k.mjs');
}
if (!args.includes('--no-gpu')) status ||= run('scripts/measure-gpu.mjs');
if (!args.includes('--no-large-nwb')) status ||= run('scripts/measure-large-nwb.mjs');
if (!args.includes('--no-render')) status ||= run('scripts/measure-render.mjs');
if (!args.includes('--no-startup')) status ||= run('scripts/measure-startup.mjs');
if (!args.includes('--no-explorer')) status ||= run('scripts/measure-explorer.mjs');
if (!args.includes('--no-page')) status ||= run('scripts/measure-page.mjs');
if (!args.includes('--no-video')) {
  await buildRenderer();
  status ||= run('dist/node/videoExportBench.mjs');
}
process.exit(status ?? 1);
