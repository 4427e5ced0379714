// Regenerates docs/screenshot.png: the demo at the last task session, pre-decision epoch, summary complete.
//   node scripts/screenshot.mjs   (needs a Chromium: CHORUS_CHROMIUM or /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';
import { serveDirectory } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await buildNode();
await buildRenderer();
const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf } = await import('../dist/node/serving.mjs');
const server = await serveDirectory(`${root}dist/renderer`, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
const browser = await chromium.launch({
  executablePath: process.env.CHORUS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 90_000 });
  // The statistics pass (intervals, tests) follows the network; wait for it so the summary is complete.
  await page.getByRole('progressbar', { name: 'Statistics progress' }).waitFor({ timeout: 30_000 });
  await page.getByRole('progressbar', { name: 'Statistics progress' }).waitFor({ state: 'detached', timeout: 300_000 });
  await page.getByLabel('Epoch').selectOption({ label: 'pre-decision' });
  await page.getByRole('slider', { name: 'Session' }).fill('10');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${root}docs/screenshot.png` });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.close();
}
