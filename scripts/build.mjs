// Builds what is stale: the Node side (CLI, Electron main, preload) with esbuild, the renderer with Vite.
//   node scripts/build.mjs            both
//   node scripts/build.mjs --node     CLI + Electron main/preload
//   node scripts/build.mjs --renderer renderer only
//   --force                           rebuild even when up to date
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isStale } from './staleness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

export async function buildNode({ force = false } = {}) {
  const outputs = ['dist/node/cli.mjs', 'dist/node/frameWorker.mjs', 'dist/node/readWorker.mjs', 'dist/node/serving.mjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'];
  if (!force && !isStale(root, ['shared', 'electron', 'node', 'package.json', 'scripts/build.mjs'], outputs)) return false;
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    define: { CHORUS_VERSION: JSON.stringify(pkg.version) },
    // `chorus render` drives a browser with it, and `--backend gpu` opens WebGPU with the optional `webgpu`
    // package (a native module): both from node_modules, not bundled.
    external: ['playwright-core', 'webgpu'],
  };
  await esbuild({ ...common, entryPoints: ['node/cliMain.ts'], outfile: 'dist/node/cli.mjs', format: 'esm' });
  await esbuild({ ...common, entryPoints: ['node/frameWorker.ts'], outfile: 'dist/node/frameWorker.mjs', format: 'esm' });
  await esbuild({ ...common, entryPoints: ['node/readWorker.ts'], outfile: 'dist/node/readWorker.mjs', format: 'esm' });
  // The one CSP, content-type map and 127.0.0.1 server (and the kiosk's configuration check), for `npm start` and the scripts.
  await esbuild({
    ...common,
    stdin: {
      contents: "export * from './shared/platform/contentSecurityPolicy'; export * from './shared/platform/contentTypes'; export * from './node/staticServer'; export * from './shared/kiosk/kioskConfig'; export * from './shared/kiosk/kioskFiles';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: 'dist/node/serving.mjs',
    format: 'esm',
  });
  await esbuild({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    external: ['electron'],
  });
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  await esbuild({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
  return true;
}

export async function buildRenderer({ force = false } = {}) {
  if (!force && !isStale(root, ['renderer', 'shared', 'node/demoTimelineFile.ts', 'vite.config.ts', 'package.json'], ['dist/renderer/index.html', 'dist/renderer/demo-timeline.bin'])) {
    return false;
  }
  const { build } = await import('vite');
  await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  // The demo's point-estimate timeline, drawn the moment the page loads (node/demoTimelineFile.ts).
  await esbuild({
    absWorkingDir: root,
    entryPoints: ['node/demoTimelineFile.ts'],
    outfile: 'dist/node/demoTimelineFile.mjs',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  const { writeDemoTimeline } = await import(`${root}dist/node/demoTimelineFile.mjs?${Date.now()}`);
  await writeDemoTimeline(`${root}dist/renderer`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const force = args.has('--force');
  const all = !args.has('--node') && !args.has('--renderer');
  const started = Date.now();
  const built = [];
  if (all || args.has('--node')) if (await buildNode({ force })) built.push('node');
  if (all || args.has('--renderer')) if (await buildRenderer({ force })) built.push('renderer');
  console.log(
    built.length ? `built ${built.join(' + ')} in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'build is up to date',
  );
}
