import { runCli, type CliIo } from '../../node/cli';
import { findChromium as findBrowser } from '../../node/cliRender';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveDirectory } from '../../node/staticServer';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/platform/contentSecurityPolicy';
import { contentTypeOf } from '../../shared/platform/contentTypes';
import { kioskSetup } from '../../shared/kiosk/kioskFiles';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The browser `chorus render` uses (CHORUS_CHROMIUM, Debian's Chromium, Playwright's cache), or a message saying how to get one. */
export function findChromium(): string {
  const found = findBrowser();
  if (!found) throw new Error('No Chromium for the end-to-end tests: run `apt-get install -y chromium`, or set CHORUS_CHROMIUM=/path/to/chrome');
  return found;
}

export interface RunningApp {
  browser: Browser;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves the built renderer on 127.0.0.1 (as `npm start` does) and launches headless Chromium. */
export async function startApp(options: { kioskConfig?: string; jsFlags?: string } = {}): Promise<RunningApp> {
  const renderer = join(root, 'dist', 'renderer');
  if (!existsSync(join(renderer, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  // As `npm start -- --kiosk --kiosk-config FILE` serves them: the file, its dataset and its story (checked first).
  const disk = { readText: (file: string) => readFileSync(file, 'utf8'), isFile: (file: string) => existsSync(file) && statSync(file).isFile(), resolveFrom: resolve };
  const files = options.kioskConfig ? kioskSetup(options.kioskConfig, disk).routes : {};
  const server: Server = await serveDirectory(renderer, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, files });
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: findChromium(),
    // Mesa llvmpipe through ANGLE: 2–3× faster than SwiftShader (ARCHITECTURE.md, "Chromium here").
    args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', ...(options.jsFlags ? [`--js-flags=${options.jsFlags}`] : [])],
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

/**
 * One app for a test file: registers beforeAll/afterAll that serve the build, launch Chromium and open a
 * page on the demo's first frame, then run `prepare` (e.g. open the file the tests are about).
 */
export function appSession(prepare: (page: Page) => Promise<void> = async () => {}): { readonly page: Page; readonly errors: string[] } {
  const session = {} as { app?: RunningApp; page: Page; errors: string[] };
  beforeAll(async () => {
    session.app = await startApp();
    Object.assign(session, await openApp(session.app));
    await prepare(session.page);
  });
  afterAll(async () => session.app?.close());
  return session;
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
  /** Link pixels by hue: orange (redundant, or "more in task" in the difference view) and blue. */
  orange: number;
  blue: number;
}

/** Reads a scene's WebGL canvas (preserveDrawingBuffer) and counts drawn and link-coloured pixels. */
export async function countPixels(page: Page, sceneIndex = 0): Promise<PixelCounts> {
  return page.evaluate((index) => {
    const canvas = document.querySelectorAll('[data-scene] canvas')[index] as HTMLCanvasElement | undefined;
    if (!canvas) return { drawn: 0, link: 0, orange: 0, blue: 0 };
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const [br, bg, bb] = [data[0]!, data[1]!, data[2]!];
    const counts = { drawn: 0, link: 0, orange: 0, blue: 0 };
    for (let k = 0; k < data.length; k += 4) {
      const r = data[k]!;
      const g = data[k + 1]!;
      const b = data[k + 2]!;
      if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 30) counts.drawn++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) {
        counts.link++;
        if (r > b) counts.orange++;
        else counts.blue++;
      }
    }
    return counts;
  }, sceneIndex);
}

/**
 * Counts pixels once the scenes have drawn the current state at rest: two animation frames after the last
 * action (so the scene has rendered it), and no scene in a layout blend (data-layout, written by the
 * scene in the frame it renders). Paused playback draws whole frames, so nothing else moves.
 */
export async function settledPixels(page: Page): Promise<PixelCounts> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForFunction(
    () => {
      const layouts = [...document.querySelectorAll('[data-scene]')].map((scene) => scene.getAttribute('data-layout'));
      return layouts.length > 0 && layouts.every((layout) => layout !== null && layout !== 'moving');
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return countPixels(page);
}

/**
 * Resolves once the page's animation frames add up to `seconds` of playback time, counted as the playback
 * clock counts it (playbackClock.ts: the wall-clock time between animation frames). Running playback
 * would have moved `seconds × speed` frames by then however slowly this machine renders, so "nothing
 * moved" means the clock is stopped, not that the machine was slow.
 */
export async function playbackTimePasses(page: Page, seconds: number): Promise<void> {
  await page.evaluate(
    (target) =>
      new Promise<void>((resolve) => {
        let last: number | null = null;
        let elapsed = 0;
        const tick = (now: number) => {
          if (last !== null) elapsed += (now - last) / 1000;
          last = now;
          if (elapsed >= target) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    seconds,
  );
}

/** Picks files with the "Open dataset…" button and waits for the dataset dialog to preview them. */
export async function chooseFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dataset…' }).click();
  await (await chooser).setFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
  await page.getByRole('dialog', { name: 'Open dataset' }).waitFor();
}

/**
 * Drops files on the window, as a user dragging them from the file manager does, and waits for the dataset
 * dialog. The soak reopens datasets this way: Playwright's file chooser keeps a DevTools handle on each
 * file input it fills, so every "Open dataset…" through it leaves an input (and its files) alive in the
 * page — a leak of the test, not of the app, that the soak would count as the app's.
 */
export async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((dropped) => {
    const transfer = new DataTransfer();
    for (const file of dropped) transfer.items.add(new File([file.text], file.name));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  await page.getByRole('dialog', { name: 'Open dataset' }).waitFor();
}

/** Waits for the dialog's preview, presses Open and waits for the dialog to close. */
export async function openFromDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Open dataset' });
  const open = dialog.getByRole('button', { name: 'Open', exact: true });
  await open.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  await open.click();
  await dialog.waitFor({ state: 'detached' });
}


/**
 * `chorus analyze` on one file's text, in memory, with the built frame worker: the results JSON it writes
 * with these arguments (the app's Export results is compared with it).
 */
export async function cliResults(fileText: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const written: Record<string, string> = {};
  const io: CliIo = {
    readFile: async () => new TextEncoder().encode(fileText),
    listFolder: async () => null,
    writeFile: async (path, text) => void (written[path] = text),
    stdout: () => {},
    stderr: () => {},
    version: 'e2e',
    workerUrl: new URL('../../dist/node/frameWorker.mjs', import.meta.url),
    defaultWorkers: 1,
  };
  const code = await runCli([...args, '--out', 'results.json'], io);
  if (code !== 0) throw new Error(`chorus ${args.join(' ')} exited ${code}`);
  return JSON.parse(written['results.json']!) as Record<string, unknown>;
}
