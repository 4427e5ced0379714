// Issue 5's rendering benchmark: a generated timeline of 5,000 neurons and 100,000 links, animated in the
// built app in Chromium (?bench=5000x100000), against the same graph drawn by 3d-force-graph in the same
// browser. Reports main-thread JavaScript per animation frame (the time inside requestAnimationFrame
// callbacks, summed per frame) and the renderer's draw calls per frame.
//   node scripts/measure-render.mjs [--size 5000x100000] [--seconds 5]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './builtApp.mjs';
import { buildNode, buildRenderer } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => (process.argv.indexOf(name) > 0 ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const size = argument('--size', '5000x100000');
const seconds = Number(argument('--seconds', '5'));

await buildNode();
await buildRenderer();
mkdirSync(`${root}dist/bench`, { recursive: true });
await build({ absWorkingDir: root, entryPoints: ['bench/render/forceGraphPage.ts'], outfile: 'dist/bench/forceGraphPage.js', bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' });
copyFileSync(`${root}bench/render/forceGraph.html`, `${root}dist/bench/forceGraph.html`);
const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, serveDirectory } = await import('../dist/node/serving.mjs');
const app = await serveDirectory(`${root}dist/renderer`, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
const peer = await serveDirectory(`${root}dist/bench`, { port: 0, contentTypeOf });

/** Wraps requestAnimationFrame so every callback's duration is recorded against its frame time. */
const TIMING = () => {
  const frames = new Map();
  const native = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    native((time) => {
      const start = performance.now();
      try {
        callback(time);
      } finally {
        frames.set(time, (frames.get(time) ?? 0) + performance.now() - start);
      }
    });
  window.__frameTimes = frames;
};

async function measure(page, drawCalls) {
  await page.evaluate(() => window.__frameTimes.clear());
  await page.waitForTimeout(seconds * 1000);
  const times = await page.evaluate(() => [...window.__frameTimes.values()]);
  const sorted = [...times].sort((a, b) => a - b);
  return { frames: times.length, fps: times.length / seconds, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), drawCalls: await page.evaluate(drawCalls) };
}

const browser = await launchChromium();
try {
  const viewport = { width: 1280, height: 800 };
  const chorusPage = await browser.newPage({ viewport });
  await chorusPage.addInitScript(TIMING);
  const loadStarted = performance.now();
  await chorusPage.goto(`http://127.0.0.1:${app.address().port}/?bench=${size}`);
  await chorusPage.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 120_000 });
  await chorusPage.waitForFunction(() => window.__chorusRenderer !== undefined, null, { timeout: 60_000 });
  const chorusLoad = (performance.now() - loadStarted) / 1000;
  await chorusPage.waitForTimeout(1500);
  const chorus = await measure(chorusPage, () => window.__chorusRenderer.info.render.calls);
  await chorusPage.close();

  const peerPage = await browser.newPage({ viewport });
  await peerPage.addInitScript(TIMING);
  const peerStarted = performance.now();
  await peerPage.goto(`http://127.0.0.1:${peer.address().port}/forceGraph.html?size=${size}`);
  await peerPage.waitForFunction(() => window.__ready === true, null, { timeout: 600_000 });
  const peerLoad = (performance.now() - peerStarted) / 1000;
  await peerPage.waitForTimeout(1500);
  const forceGraph = await measure(peerPage, () => window.__graph.renderer().info.render.calls);
  await peerPage.close();

  const line = (name, r, load) => `${name}: ${r.medianMs.toFixed(2)} ms main-thread JS per frame (median; mean ${r.meanMs.toFixed(2)}), ${r.fps.toFixed(1)} frames/s, ${r.drawCalls} draw calls per frame, ready after ${load.toFixed(1)} s`;
  console.log(`rendering ${size.replace('x', ' neurons × ')} links, animated for ${seconds} s in Chromium (software GL here):`);
  console.log(`  ${line('Chorus', chorus, chorusLoad)}`);
  console.log(`  ${line('3d-force-graph', forceGraph, peerLoad)}`);
  console.log(`  ratio (3d-force-graph / Chorus): ${(forceGraph.medianMs / chorus.medianMs).toFixed(1)}× main-thread time per frame, ${(forceGraph.drawCalls / Math.max(1, chorus.drawCalls)).toFixed(0)}× draw calls (targets: Chorus ≤ 2 ms, ≤ 5 draw calls)`);
} finally {
  await browser.close();
  app.close();
  peer.close();
}
