import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { countPixels, startApp, type RunningApp } from './harness';

/**
 * Issue 11, item 7: the demo's first frame does not wait for its analysis. The demo's point-estimate
 * timeline ships with the app (built by scripts/build.mjs) and is drawn as soon as the page has it; the
 * analysis worker starts after that frame and repeats the pass for the statistics. Held here: the
 * worker's script is not served until the test lets it, so whatever is drawn before that came from
 * the shipped timeline (before, the network waited for the worker's whole pass).
 */
let app: RunningApp;
let page: Page;
let releaseWorker: () => void = () => {};
const workerRequested: Route[] = [];

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1100, height: 760 } });
  const released = new Promise<void>((resolve) => (releaseWorker = resolve));
  await page.route(/analysis\.worker-[^/]*\.js$/, async (route) => {
    workerRequested.push(route);
    await released;
    await route.continue();
  });
  await page.goto(app.url);
});
afterAll(async () => {
  releaseWorker();
  await app?.close();
});

const status = () => page.getByRole('status', { name: 'Current frame' });

describe("the demo's first frame", () => {
  it('draws the network while the analysis worker has not even loaded', async () => {
    await status().waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await countPixels(page)).link, { timeout: 60_000 }).toBeGreaterThan(200);
    expect(await status().textContent()).toMatch(/^Session 1 of 10/);
    // The page marks the frame for the benchmark (scripts/measure-page.mjs).
    expect(await page.evaluate(() => performance.getEntriesByName('chorus:first-network-frame').length)).toBe(1);
    // And says what is still to come: the first pass the statistics start from.
    await page.getByText(/^Analysing Simulated learning demo: the first pass for its statistics$/).waitFor({ timeout: 30_000 });
  });

  it("keeps the user's view when the worker's own pass arrives with the same timeline", async () => {
    await page.getByRole('slider', { name: 'Session' }).fill('6');
    await expect.poll(() => status().textContent()).toMatch(/^Session 6 of 10/);
    // The worker's script was asked for only after the first frame, and is served now.
    await expect.poll(() => workerRequested.length, { timeout: 30_000 }).toBeGreaterThan(0);
    releaseWorker();
    await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 300_000 });
    // The statistics pass has started from it, and the view is as the user left it.
    await page.getByRole('progressbar', { name: 'Statistics progress' }).waitFor({ timeout: 60_000 });
    expect(await status().textContent()).toMatch(/^Session 6 of 10/);
  });
});
