// Issue 15's app check at scale: a generated 10,000-neuron recording (2 sessions, task and passive, 600
// trials; bench/out/, never committed) analysed by `chorus analyze --all-pairs --format parquet` (time and
// peak memory), then its results folder opened in the built app in Chromium with "Open folder…": the time
// until the network of 10,000 nodes and each frame's strongest links is drawn.
//   node scripts/measure-results10k.mjs [--neurons N] [--trials T]     (npm run bench:results10k)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, serveBuiltApp } from './builtApp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { neurons: { type: 'string', default: '10000' }, trials: { type: 'string', default: '600' } } });
const N = Number(values.neurons);
const T = Number(values.trials);
const folder = `${root}bench/out`;
const dataset = `${folder}/generated-${N}x${T}.chorus.json`;
const results = `${folder}/results-${N}x${T}`;
mkdirSync(folder, { recursive: true });

if (!existsSync(dataset)) {
  console.log(`generating ${dataset} …`);
  await generate(dataset);
}
const { server, url } = await serveBuiltApp();
if (!existsSync(`${results}/results.json`)) {
  rmSync(results, { recursive: true, force: true });
  // /usr/bin/time -v gives the peak resident memory of the whole process.
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, `${root}dist/node/cli.mjs`, 'analyze', dataset, '--all-pairs', '--interval-draws', '0', '--shuffles', '0', '--decoder-folds', '0', '--permutations', '0', '--workers', '1', '--format', 'parquet', '--out', results], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const seconds = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr);
  const peak = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]) * 1024;
  const wall = seconds ? Number(seconds[1] ?? 0) * 3600 + Number(seconds[2]) * 60 + Number(seconds[3]) : Number.NaN;
  const size = readdirSync(`${results}/pairs`).reduce((sum, name) => sum + statSync(`${results}/pairs/${name}`).size, 0);
  console.log(`chorus analyze, ${N} neurons × ${T} trials × 2 sessions, every pair to Parquet: ${wall.toFixed(0)} s, peak RSS ${(peak / 1024 ** 3).toFixed(2)} GiB; pairs table ${(size / 1024 ** 3).toFixed(2)} GiB in ${readdirSync(`${results}/pairs`).length} files`);
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 120_000 });
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 120_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const started = performance.now();
  await (await chooser).setFiles(results);
  console.log(`  files handed to the page after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // The app's progress line while it streams the pairs (every 10 s).
  const ticker = setInterval(() => {
    void page.locator('.app').getByText(/reading pairs|building/).first().textContent({ timeout: 1000 }).then((text) => console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${text}`), () => {});
  }, 10_000);
  const network = page.getByRole('img', { name: `3D network of ${N} neurons` });
  const alert = page.getByRole('alert');
  await network.or(alert).first().waitFor({ timeout: 600_000 });
  if ((await network.count()) === 0) throw new Error(`the app could not open the results: ${await alert.first().textContent()}`);
  // Drawn: the first scene's canvas shows nodes and links (pixels off the background in a 256 × 256 copy;
  // networkIsDrawn's link-colour test is for the demo's dense links, not 10,000 nodes with each frame's top links).
  const drawn = await page.waitForFunction(
    () => {
      const canvas = document.querySelector('[data-scene] canvas');
      if (!canvas || canvas.width === 0) return false;
      const copy = document.createElement('canvas');
      copy.width = copy.height = 256;
      const context = copy.getContext('2d');
      context.drawImage(canvas, 0, 0, 256, 256);
      const { data } = context.getImageData(0, 0, 256, 256);
      let off = 0;
      for (let k = 0; k < data.length; k += 4) if (Math.abs(data[k] - data[0]) + Math.abs(data[k + 1] - data[1]) + Math.abs(data[k + 2] - data[2]) > 60) off++;
      return off > 500 ? off : false;
    },
    null,
    { timeout: 600_000, polling: 200 },
  );
  const pixels = await drawn.jsonValue();
  clearInterval(ticker);
  const seconds = (performance.now() - started) / 1000;
  const scene = await page.evaluate(() => document.querySelector('[data-scene]')?.getAttribute('aria-label'));
  const frame = await page.getByRole('status', { name: 'Current frame' }).textContent();
  console.log(`the app opened ${results.slice(root.length)} (Open folder…) and drew the ${scene} with each frame's strongest links (${pixels} pixels drawn in a 256² copy; ${frame}) after ${seconds.toFixed(1)} s`);
} finally {
  await browser.close();
  server.close();
}

/** N neurons tuned to ±5 with noise shared in the task session (redundant pairs), 2 sessions × 1 epoch × T trials. */
async function generate(path) {
  const out = createWriteStream(path);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const ids = Array.from({ length: N }, (_, i) => `u${String(i).padStart(5, '0')}`);
  const head = { format: 'chorus-dataset', version: 1, name: `${N} generated neurons`, responseUnit: 'spikes', stimulusUnit: 'deg', matching: 'identity', neurons: ids.map((id, i) => ({ id, position: [i % 100, Math.floor(i / 100), 0], area: 'V4' })) };
  await write(`${JSON.stringify(head).slice(0, -1)},"sessions":[`);
  const slope = Float64Array.from({ length: N }, (_, i) => 0.3 * Math.sin(i));
  for (const [k, condition] of ['task', 'passive'].entries()) {
    const stimulus = Array.from({ length: T }, (_, t) => (t % 2 ? 5 : -5));
    const trials = condition === 'task' ? { stimulus, choice: stimulus.map((v) => (v > 0 ? 1 : 0)) } : { stimulus };
    await write(`${k ? ',' : ''}{"id":"day1-${condition}","order":1,"condition":"${condition}","epochs":[{"name":"stimulus","start":0,"end":1}],"trials":${JSON.stringify(trials)},"responses":[`);
    for (let t = 0; t < T; t++) {
      const shared = condition === 'task' ? 2 * gauss() : 0;
      const row = ids.map((_, i) => Math.round((10 + slope[i] * stimulus[t] + 3 * gauss() + shared * Math.cos(i)) * 100) / 100);
      await write(`${t ? ',' : ''}[${JSON.stringify(row)}]`);
    }
    await write(']}');
  }
  await write(']}');
  await new Promise((resolve) => out.end(resolve));
}
