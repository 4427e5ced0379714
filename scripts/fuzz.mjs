// `npm run fuzz [-- --cases N --seed S …]`: bundles the seeded mutation fuzzer (test/fuzz/) into
// dist/fuzz/ and runs it; the flags are listed in test/fuzz/main.ts. test/unit/fuzz.test.ts bundles
// the worker with bundleFuzz too and runs a 500-case subset.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles test/fuzz/<entry>.ts into `outdir`/<entry>.mjs (the worker runs in plain Node processes), and the CLI's read worker. */
export async function bundleFuzz(outdir, entries = ['worker']) {
  await build({
    absWorkingDir: root,
    // The CLI's read worker too: HDF5 targets read on it, as `chorus` does (node/guardedRead.ts).
    entryPoints: [...entries.map((entry) => ({ in: `test/fuzz/${entry}.ts`, out: entry })), { in: 'node/readWorker.ts', out: 'readWorker' }],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleFuzz(`${root}dist/fuzz`, ['main', 'worker']);
  const run = spawnSync(process.execPath, [`${root}dist/fuzz/main.mjs`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
