/**
 * The app's kernel threads in Chromium: the served app is cross-origin isolated (both servers send
 * COOP/COEP), and a worker under the app's CSP and headers starts helper workers that share a large
 * product's bands, with the same result bit for bit as one thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { findChromium, openApp, startApp, type RunningApp } from './harness';
import { serveDirectory } from '../../node/staticServer';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/platform/contentSecurityPolicy';
import { contentTypeOf } from '../../shared/platform/contentTypes';

describe('the app is cross-origin isolated', () => {
  let app: RunningApp;
  beforeAll(async () => (app = await startApp()));
  afterAll(async () => app?.close());

  it('so its workers may share memory, and the demo still opens and is analysed without errors', async () => {
    const { page, errors } = await openApp(app);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('kernel threads in a browser worker', () => {
  let folder: string;
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chorus-threads-'));
    for (const [entry, out] of [
      ['test/e2e/pages/kernelThreadsWorker.ts', 'worker.js'],
      ['test/e2e/pages/kernelThreadsPage.ts', 'page.js'],
    ] as const) {
      await build({ entryPoints: [entry], outfile: join(folder, out), bundle: true, format: 'esm', minify: true, logLevel: 'warning' });
    }
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>kernel threads</title><script type="module" src="/page.js"></script>');
    server = await serveDirectory(folder, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
    browser = await chromium.launch({ executablePath: findChromium() });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('share a product with a helper under the app\'s CSP (minified, as the app is built), bit for bit', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    await page.waitForFunction(() => (window as unknown as { report?: unknown }).report !== undefined, undefined, { timeout: 90_000 });
    const report = await page.evaluate(() => (window as unknown as { report: unknown }).report);
    expect(report).toMatchObject({ isolated: true, threads: 2, identical: true });
    expect((report as { helperBands: number }).helperBands).toBeGreaterThan(0);
  });
});
