// Issue 4's ingestion benchmark: a generated 1 GB NWB file (units + trials; bench/out/, never committed)
// read to the first frame (a) by the CLI's reader in its own Node process, with its peak memory, and
// (b) by the app in Chromium: picked with "Open dataset…", previewed in the dataset dialog, opened, drawn.
//   node scripts/measure-large-nwb.mjs [--gigabytes 1]
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './builtApp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = process.argv.indexOf('--gigabytes');
const gigabytes = at > 0 ? Number(process.argv[at + 1]) : 1;
const file = `${root}bench/out/large-${gigabytes}g.nwb`;
const gib = (bytes) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
const mib = (bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

const python = ['python3', '/usr/bin/python3'].find((command) => spawnSync(command, ['-c', 'import h5py, numpy'], { stdio: 'ignore' }).status === 0);
if (!python) {
  console.log('large NWB benchmark skipped: no python3 with h5py and numpy to generate the file (apt-get install python3-h5py)');
  process.exit(0);
}
mkdirSync(`${root}bench/out`, { recursive: true });
if (!existsSync(file)) {
  console.log(`generating ${file} …`);
  const made = spawnSync(python, [`${root}bench/make_large_nwb.py`, file, String(gigabytes)], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(1);
}
const fileBytes = statSync(file).size;

// (a) The reader alone, in a fresh process.
const cli = spawnSync('node', [`${root}dist/node/largeNwb.mjs`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (cli.status !== 0) process.exit(1);
const r = JSON.parse(cli.stdout.trim().split('\n').at(-1));
const grown = r.peakRss - r.baselineRss;
console.log(
  `(a) ${gib(fileBytes)} NWB, reader (Node): dataset after ${r.readSeconds.toFixed(1)} s, first frame after ${r.firstFrameSeconds.toFixed(1)} s; ` +
    `${r.neurons} units × ${r.trials} trials; read ${gib(r.bytesRead)} (${((100 * r.bytesRead) / fileBytes).toFixed(0)}% of the file); ` +
    `peak memory ${mib(r.peakRss)} (${mib(grown)} above start) = ${(r.peakRss / r.bytesRead).toFixed(2)}× the bytes used (target < 2×)`,
);

// (b) The app in Chromium, as a user opens the file.
const chromiumRss = () => {
  try {
    return execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' }).split('\n').filter(Boolean).reduce((sum, kb) => sum + Number(kb) * 1024, 0);
  } catch {
    return 0;
  }
};
const port = 5398;
const server = spawn('npm', ['start', '--', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
try {
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => String(chunk).includes('Chorus is running') && resolve());
    server.on('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 120_000 });
    const before = chromiumRss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 250);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open dataset…' }).click();
    const started = performance.now();
    await (await chooser).setFiles(file); // by path: Chromium reads the file in slices, as it does for a user's pick
    const dialog = page.getByRole('dialog', { name: 'Open dataset' });
    const open = dialog.getByRole('button', { name: 'Open', exact: true });
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent === 'Open');
      return button && !button.disabled;
    }, null, { timeout: 300_000, polling: 100 });
    const previewed = performance.now();
    await open.click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Current dataset"]')?.textContent === 'chorus-large-benchmark', null, { timeout: 300_000, polling: 100 });
    const drawn = performance.now();
    clearInterval(sampler);
    console.log(
      `(b) ${gib(fileBytes)} NWB, app in Chromium: dialog preview after ${((previewed - started) / 1000).toFixed(1)} s, network drawn after ${((drawn - started) / 1000).toFixed(1)} s (target < 30 s); ` +
        `Chromium's memory grew by ${mib(peak - before)} at most (${((peak - before) / r.bytesRead).toFixed(2)}× the bytes used)`,
    );
  } finally {
    await browser.close();
  }
} finally {
  process.kill(-server.pid);
}
