/**
 * `chorus render`: a story as a video (or one step as a still) without a window. The built app runs in a
 * headless Chromium (found as the tests find it) on a 127.0.0.1 server of its own, and renders with its
 * own code (renderer/video/renderApi.ts): the same frames as "Export video…" in the app.
 *   chorus render STORY|--demo-story [--dataset FILE] --out talk.mp4 [--size 1920x1080] [--fps 30] [--progress]
 *   chorus render STORY|--demo-story --still STEP --out fig.png [--scale 4] [--size 1280x720]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseStoryFile, type Story } from '../shared/story/storyFile';
import { formatOfFileName, formatDuration, parseFrameRate, parseVideoSize, VIDEO_FORMATS, type VideoFormat, type VideoSize } from '../shared/video/videoSettings';
import { CONTENT_SECURITY_POLICY_HEADER } from '../shared/platform/contentSecurityPolicy';
import { contentTypeOf } from '../shared/platform/contentTypes';
import type { RenderApi } from '../shared/video/renderApi';
import { serveDirectory } from './staticServer';

export const RENDER_USAGE = `Usage:
  chorus render STORY.chorus-story.json|--demo-story [--dataset FILE] --out talk.mp4|talk.webm
                [--size 1920x1080] [--fps 30] [--progress]
  chorus render STORY|--demo-story --still STEP --out figure.png [--scale 4] [--size 1280x720]

render    a story as a video, frame by frame (H.264 in .mp4, VP9 in .webm), captions, legend and frame
          stamp burned in; or one step (--still, 1-based) as a PNG at --scale × the window (--size).
          Runs the built app in a headless Chromium: CHORUS_CHROMIUM, or Debian's /usr/bin/chromium.
          --dataset FILE opens the story's dataset (checked against the story's file size and SHA-256);
          --demo-story is the built-in story on the demo dataset.`;

export interface RenderArgs {
  /** The story file, or null for the built-in demo story. */
  readonly story: string | null;
  readonly dataset: string | null;
  readonly out: string;
  readonly size: VideoSize;
  readonly fps: number;
  readonly format: VideoFormat | null;
  /** --still STEP (1-based): a PNG of that step instead of a video. */
  readonly still: number | null;
  readonly scale: number;
  readonly progress: boolean;
}

/** A problem with what was asked (exit 2, said in one line). */
export class RenderInputError extends Error {}

/** Reads `chorus render`'s arguments; throws RenderInputError naming the flag that is wrong. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'demo-story': { type: 'boolean' },
        dataset: { type: 'string' },
        out: { type: 'string' },
        size: { type: 'string' },
        fps: { type: 'string' },
        still: { type: 'string' },
        scale: { type: 'string' },
        progress: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new RenderInputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new RenderInputError(`one story at a time; got ${positionals.length}: ${positionals.join(', ')}`);
  const story = positionals[0] ?? null;
  if (story !== null && values['demo-story']) throw new RenderInputError('give a story file or --demo-story, not both');
  if (story === null && !values['demo-story']) throw new RenderInputError('which story? give STORY.chorus-story.json or --demo-story');
  if (values['demo-story'] && values.dataset !== undefined) throw new RenderInputError('--demo-story plays on the built-in demo dataset; leave out --dataset');
  if (values.out === undefined) throw new RenderInputError('--out FILE is required (talk.mp4, talk.webm, or figure.png with --still)');
  const out = values.out;
  const wrap = <T>(flag: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new RenderInputError(`${flag}: ${(error as Error).message}`);
    }
  };
  const stillText = values.still;
  const still = stillText === undefined ? null : Number(stillText);
  if (still !== null && !(Number.isInteger(still) && still >= 1)) throw new RenderInputError(`--still needs a step number from 1, got "${stillText}"`);
  const scale = values.scale === undefined ? (still === null ? 1 : 2) : Number(values.scale);
  if (values.scale !== undefined && still === null) throw new RenderInputError('--scale is for --still; a video takes --size');
  if (!(Number.isInteger(scale) && scale >= 1 && scale <= 4)) throw new RenderInputError(`--scale needs a whole number from 1 to 4, got "${values.scale}"`);
  const format = still === null ? formatOfFileName(out) : null;
  if (still === null && format === null) throw new RenderInputError(`--out ${out}: a video is written as .mp4 (H.264) or .webm (VP9)`);
  if (still !== null && !out.toLowerCase().endsWith('.png')) throw new RenderInputError(`--out ${out}: a still is written as .png`);
  if (still !== null && values.fps !== undefined) throw new RenderInputError('--fps is for videos; a still is one frame');
  return {
    story,
    dataset: values.dataset ?? null,
    out,
    size: wrap('--size', () => parseVideoSize(values.size ?? (still === null ? '1920x1080' : '1280x720'))),
    fps: wrap('--fps', () => parseFrameRate(values.fps ?? '30')),
    format,
    still,
    scale,
    progress: values.progress ?? false,
  };
}

/**
 * Why a dataset file is not the one the story was made from (null when it is): the story names its
 * files with their sizes and SHA-256, as the app does when it opens a story.
 */
export function datasetFileProblem(story: Story, file: { name: string; bytes: number; sha256: string } | null): string | null {
  const { dataset } = story;
  if (dataset.kind === 'demo') return file ? `this story is of the demo dataset "${dataset.name}"; leave out --dataset` : null;
  const names = dataset.files.map((f) => f.name).join(', ');
  if (!file) return `this story is of ${names} ("${dataset.name}"); give it with --dataset FILE`;
  if (dataset.files.length !== 1) return `this story is of ${dataset.files.length} files (${names}); chorus render opens one --dataset file`;
  const wanted = dataset.files[0]!;
  if (wanted.name !== file.name) return `this story is of ${wanted.name}; --dataset is ${file.name}`;
  if (wanted.bytes !== file.bytes) return `--dataset ${file.name} is ${file.bytes} bytes; the story's is ${wanted.bytes}: another version of the file`;
  if (wanted.sha256 !== file.sha256) return `--dataset ${file.name} has other contents than the story's (SHA-256 ${file.sha256.slice(0, 12)}… where the story has ${wanted.sha256.slice(0, 12)}…)`;
  return null;
}

/** CHORUS_CHROMIUM, Debian's Chromium, or a browser in Playwright's own cache; null when none is there. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHORUS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const cache = join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      candidates.push(join(cache, dir, 'chrome-linux', 'chrome'), join(cache, dir, 'chrome-linux64', 'chrome'));
    }
  }
  return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path)) ?? null;
}

export interface RenderIo {
  stderr(text: string): void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  signal?: AbortSignal;
  /** Where the browser is (default findChromium); tests give a machine without one. */
  findBrowser?: () => string | null;
}

/** "frame 120 of 650 (18%), 34 s left". */
export function progressLine(what: string, done: number, total: number, elapsedSeconds: number): string {
  const left = done > 0 ? (elapsedSeconds / done) * (total - done) : Number.NaN;
  return `${what} ${done} of ${total} (${Math.floor((100 * done) / Math.max(1, total))}%), ${formatDuration(left)} left`;
}

/** Runs `chorus render`; returns the exit code (0 done, 2 bad input or something missing, 1 a failure). */
export async function renderCommand(argv: readonly string[], io: RenderIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stderr(`${RENDER_USAGE}\n`);
    return 0;
  }
  let args: RenderArgs;
  try {
    args = parseRenderArgs(argv);
  } catch (error) {
    io.stderr(`chorus render: ${(error as Error).message}\n${RENDER_USAGE}\n`);
    return 2;
  }
  let written = false;
  try {
    return await render(args, io, () => (written = true));
  } catch (error) {
    if (written) await rm(args.out, { force: true });
    if (error instanceof RenderInputError) {
      io.stderr(`chorus render: ${error.message}\n`);
      return 2;
    }
    if ((error as Error).name === 'AbortError' || io.signal?.aborted) {
      io.stderr('\nchorus render: cancelled; nothing was written\n');
      return 130;
    }
    io.stderr(`chorus render: ${(error as Error).message}\n`);
    return 1;
  }
}

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new RenderInputError(`${what} ${path}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

async function render(args: RenderArgs, io: RenderIo, onWrite: () => void): Promise<number> {
  const storyText = args.story === null ? null : (await readInput(args.story, 'story')).toString('utf8');
  if (storyText !== null) {
    let story: Story;
    try {
      story = parseStoryFile(storyText);
    } catch (error) {
      throw new RenderInputError(`${args.story}: ${(error as Error).message}`);
    }
    const bytes = args.dataset === null ? null : await readInput(args.dataset, '--dataset');
    const file = bytes && { name: basename(args.dataset!), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    const problem = datasetFileProblem(story, file);
    if (problem) throw new RenderInputError(`${args.story}: ${problem}`);
  }
  if (!existsSync(join(io.rendererDir, 'index.html'))) throw new RenderInputError(`the app is not built (${io.rendererDir} has no index.html): run \`npm run build\``);
  const chromiumPath = (io.findBrowser ?? findChromium)();
  if (!chromiumPath) throw new RenderInputError('no Chromium or Chrome was found for rendering: install one (Debian: apt-get install chromium) or set CHORUS_CHROMIUM=/path/to/chrome');
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new RenderInputError('the package playwright-core is missing: run `npm install` in the Chorus folder');
  }

  const output = await open(args.out, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new RenderInputError(`--out ${args.out}: cannot be written (${error.code === 'ENOENT' ? 'no such folder' : error.code === 'EACCES' ? 'permission denied' : error.message})`);
  });
  onWrite();
  const server = await serveDirectory(io.rendererDir, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
  const browser = await playwright.chromium.launch({ executablePath: chromiumPath, args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'] }).catch(async (error: Error) => {
    server.close();
    await output.close();
    throw new Error(`the browser at ${chromiumPath} did not start: ${error.message.split('\n')[0]}`);
  });
  const started = Date.now();
  let lastProgress = 0;
  const pageErrors: string[] = [];
  try {
    const viewport = args.still === null ? { width: 1280, height: 720 } : args.size;
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.exposeFunction('chorusRenderWrite', async (base64: string) => void (await output.write(Buffer.from(base64, 'base64'))));
    await page.exposeFunction('chorusRenderProgress', (done: number, total: number) => {
      if (!args.progress || (Date.now() - lastProgress < 500 && done < total)) return;
      lastProgress = Date.now();
      io.stderr(`\r${progressLine(args.still === null ? 'frame' : 'tile', done, total, (Date.now() - started) / 1000)}   `);
    });
    io.signal?.addEventListener('abort', () => void browser.close());
    const { port } = server.address() as { port: number };
    await page.goto(`http://127.0.0.1:${port}/?render`);
    await page.waitForFunction(() => 'chorusRender' in globalThis, undefined, { timeout: 60_000 });
    if (args.dataset !== null) await openDataset(page, args.dataset);
    await page.evaluate((demo) => (globalThis as unknown as { chorusRender: RenderApi }).chorusRender.ready(demo), args.dataset === null);
    type Api = { chorusRender: RenderApi };
    let summary: string;
    let notes: readonly string[];
    if (args.still === null) {
      const video = await page.evaluate(
        (options) => (globalThis as unknown as Api).chorusRender.video(options),
        { story: storyText, width: args.size.width, height: args.size.height, fps: args.fps, format: args.format! },
      );
      notes = video.notes;
      summary = `${video.frames} frames, ${args.size.width}×${args.size.height} at ${args.fps} fps (${(video.frames / args.fps).toFixed(1)} s of ${VIDEO_FORMATS[args.format!].label})`;
    } else {
      const still = await page.evaluate((options) => (globalThis as unknown as Api).chorusRender.still(options), { story: storyText, step: args.still, scale: args.scale });
      notes = still.notes;
      summary = `step ${args.still} at ${args.scale}× a ${args.size.width}×${args.size.height} window`;
    }
    await output.close();
    if (args.progress) io.stderr('\n');
    for (const note of notes) io.stderr(`chorus render: note: ${note}\n`);
    const size = (await stat(args.out)).size;
    io.stderr(`chorus render: wrote ${args.out}: ${summary}, ${size} bytes, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    await output.close().catch(() => {});
    // What the page said is the reason; Playwright's own wrapping of it is not.
    const message = (error as Error).message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]!;
    const refused = /^(this story|--still|no dataset|the demo story|this browser cannot encode|this computer's graphics)/.test(message);
    if (refused) throw new RenderInputError(message);
    throw new Error(`${message}${pageErrors.length ? ` (the page reported: ${pageErrors.slice(0, 3).join('; ')})` : ''}`);
  } finally {
    await browser.close().catch(() => {});
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Opens a dataset file as a user does: "Open dataset…", the file, the dataset dialog's Open; its problems are said in full. */
async function openDataset(page: import('playwright-core').Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dataset…' }).click();
  await (await chooser).setFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Open dataset' });
  await dialog.waitFor();
  const open = dialog.getByRole('button', { name: 'Open', exact: true });
  const deadline = Date.now() + 120_000;
  while (!(await open.isEnabled())) {
    const alerts = await dialog.getByRole('alert').allInnerTexts();
    if (alerts.length > 0) throw new RenderInputError(`--dataset ${path}: ${alerts.join(' ').replace(/\s+/g, ' ')}`);
    if (Date.now() > deadline) throw new RenderInputError(`--dataset ${path}: the dataset dialog did not accept the file: ${alerts.join(' ') || 'no message'}`);
    await page.waitForTimeout(200);
  }
  await open.click();
  await dialog.waitFor({ state: 'detached' });
}
