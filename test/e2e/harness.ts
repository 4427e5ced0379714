import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error -- plain ESM build script without type declarations
import { serveDirectory } from '../../scripts/static-server.mjs';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/platform/contentSecurityPolicy';
import { contentTypeOf } from '../../shared/platform/contentTypes';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** CHORUS_CHROMIUM, Debian's Chromium, or a browser in Playwright's own cache. */
export function findChromium(): string {
  const candidates = [process.env.CHORUS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const cache = join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      candidates.push(join(cache, dir, 'chrome-linux', 'chrome'), join(cache, dir, 'chrome-linux64', 'chrome'));
    }
  }
  const found = candidates.find((path): path is string => typeof path === 'string' && existsSync(path));
  if (!found) {
    throw new Error('No Chromium for the end-to-end tests: run `apt-get install -y chromium`, or set CHORUS_CHROMIUM=/path/to/chrome');
  }
  return found;
}

export interface RunningApp {
  browser: Browser;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves the built renderer on 127.0.0.1 (as `npm start` does) and launches headless Chromium. */
export async function startApp(): Promise<RunningApp> {
  const renderer = join(root, 'dist', 'renderer');
  if (!existsSync(join(renderer, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  const server: Server = await serveDirectory(renderer, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: findChromium(),
    // Mesa llvmpipe through ANGLE: 2–3× faster than SwiftShader (ARCHITECTURE.md, "Chromium here").
    args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
  });
  return {
    browser,
    server,
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens the app and waits until the demo's first frame is on screen. */
export async function openApp(app: RunningApp, size = { width: 1100, height: 760 }): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(app.url);
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 90_000 });
  return { page, errors };
}

export interface PixelCounts {
  /** Pixels that differ from the background at all. */
  drawn: number;
  /** Strongly coloured pixels: links (orange or blue); nodes are grey. */
  link: number;
}

/** Reads the WebGL canvas (preserveDrawingBuffer) and counts drawn and link-coloured pixels. */
export async function countPixels(page: Page): Promise<PixelCounts> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas');
    if (!canvas) return { drawn: 0, link: 0 };
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const [br, bg, bb] = [data[0]!, data[1]!, data[2]!];
    let drawn = 0;
    let link = 0;
    for (let k = 0; k < data.length; k += 4) {
      const r = data[k]!;
      const g = data[k + 1]!;
      const b = data[k + 2]!;
      if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 30) drawn++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) link++;
    }
    return { drawn, link };
  });
}

/** Waits until the canvas stops changing (a few rendered frames after a state change). */
export async function settledPixels(page: Page): Promise<PixelCounts> {
  let previous = await countPixels(page);
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(250);
    const next = await countPixels(page);
    if (next.link === previous.link && next.drawn === previous.drawn) return next;
    previous = next;
  }
  return previous;
}
