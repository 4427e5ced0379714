// Time from `npm start` to the demo's first drawn frame in Chromium (web mode, as on a machine
// without the Electron binary). Prints one line; used by `npm run bench` and the closing notes.
//   node scripts/measure-startup.mjs [--cold]   --cold removes dist/ first (full build)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, networkIsDrawn } from './builtApp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export async function measureStartup({ cold = false, port = 5399 } = {}) {
  if (cold) rmSync(`${root}dist`, { recursive: true, force: true });
  const started = performance.now();
  const server = spawn('npm', ['start', '--', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  try {
    await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => String(chunk).includes('Chorus is running') && resolve());
      server.on('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
    });
    const served = performance.now();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.querySelector('[aria-label="Current frame"]') !== null, null, { timeout: 120_000, polling: 100 });
      await page.waitForFunction(networkIsDrawn, null, { timeout: 120_000, polling: 100 });
      const firstFrame = performance.now();
      return { serveSeconds: (served - started) / 1000, firstFrameSeconds: (firstFrame - started) / 1000 };
    } finally {
      await browser.close();
    }
  } finally {
    process.kill(-server.pid);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cold = process.argv.includes('--cold');
  const { serveSeconds, firstFrameSeconds } = await measureStartup({ cold });
  console.log(`npm start (${cold ? 'cold: full build' : 'warm: build up to date'}): serving after ${serveSeconds.toFixed(1)} s, first demo frame drawn after ${firstFrameSeconds.toFixed(1)} s`);
}
