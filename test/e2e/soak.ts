import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { dropFiles, openApp, openFromDialog, playbackTimePasses, type RunningApp } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';

/**
 * The soak (`npm run soak`, 30 minutes by default; 2 minutes in test/e2e/soak.e2e.test.ts): the built
 * app in Chromium plays with Loop on at the fastest speed, switches layouts and views (single, split,
 * difference) and reopens datasets — the demo through "Load demo" every few cycles, and a small
 * generated .chorus.json dropped on the window every cycle (not through Playwright's file chooser,
 * whose handles keep every filled file input alive: see dropFiles) — until the time is up and four
 * samples are from the 10% mark on (two for each window, see WINDOW_MIN).
 *
 * Each cycle ends in the same state (the small dataset with its statistics done, single view,
 * anatomical layout, playing), and is sampled there after forced garbage collection (CDP
 * HeapProfiler.collectGarbage): the JS heap (Runtime.getHeapUsage) and, from a heap snapshot, its
 * objects without V8's compiled code (JavaScript and the DOM's native objects); DOM nodes and event
 * listeners (Performance.getMetrics); Web Workers; and WebGL, from an init script that wraps
 * getContext and the creation and deletion of buffers and textures (three.js's renderer.info is only
 * exposed in benchmark mode).
 *
 * It fails on growth above 5% from the 10% mark to the end (the snapshot's objects, nodes, listeners,
 * live buffers and textures, workers), each side the median of its window — the first quarter of the
 * samples from the mark, and the last quarter, two samples at least (WINDOW_MIN) — since a measure can
 * step between a few values from sample to sample: one sample against one could call a step growth,
 * while a leak raises the whole last window. Event listeners are the least of a few readings (see
 * liveListeners). It also fails on any page error, and on more live
 * WebGL contexts than visible scenes at any sample or view switch. Compiled code is left out of the
 * check because it grows for minutes while the JIT warms up, then stops: playing and switching alone
 * (`--no-reopen`) grew the heap 8.8 → 9.9 MB over 4 minutes here, all of it code (InstructionStream,
 * feedback vectors) in heap snapshots. A context is live while it is neither lost (React Three Fiber
 * releases a scene's context with forceContextLoss when the scene unmounts) nor garbage collected; a
 * visible scene is a [data-scene] element (the split view has two).
 */
export interface SoakOptions {
  readonly minutes: number;
  /** The demo is played every this many cycles: the page's own in the first, reopened with "Load demo" after. */
  readonly demoEvery?: number;
  /** Playback seconds after each switch (as the playback clock counts them). */
  readonly dwellSeconds?: number;
  /** false: a control run that opens the small dataset once and then only plays and switches. */
  readonly reopen?: boolean;
  /** Each sample's table row, as it is taken. */
  readonly log?: (line: string) => void;
}

export interface SoakSample {
  readonly seconds: number;
  readonly cycle: number;
  readonly reopens: number;
  readonly switches: number;
  readonly heapMb: number;
  /** The heap snapshot's objects (JavaScript and the DOM's native objects) without V8's compiled code. */
  readonly dataMb: number;
  /** Live DOM nodes (Performance.getMetrics: detached ones not yet collected too); elements in the document. */
  readonly nodes: number;
  readonly attached: number;
  readonly listeners: number;
  readonly workers: number;
  readonly gl: GlCounts;
  readonly scenes: number;
}

export interface GlCounts {
  readonly created: number;
  readonly lost: number;
  /** Neither lost nor garbage collected. */
  readonly live: number;
  /** Buffers and textures created minus deleted, in live contexts. */
  readonly buffers: number;
  readonly textures: number;
}

export interface Growth {
  readonly metric: string;
  readonly from: number;
  readonly to: number;
  readonly percent: number;
}

export interface SoakReport {
  readonly minutes: number;
  readonly samples: readonly SoakSample[];
  /** The sample at the 10% mark: the first taken at or after a tenth of the time (-1: none). */
  readonly baseline: number;
  readonly growth: readonly Growth[];
  /** The whole heap's growth, compiled code included: said, not checked. */
  readonly heap: Growth | null;
  readonly pageErrors: readonly string[];
  readonly failures: readonly string[];
}

/** Growth above this fails the soak. */
const MAX_GROWTH_PERCENT = 5;
/**
 * Each window (first and last quarter from the 10% mark) holds at least two samples, and the soak runs
 * until there are enough for two such windows: with one sample a side, one sample that caught a
 * passing state (event listeners 270, 313, 270, 313 in a CI run, before liveListeners)
 * failed a steady app (+15.9%). The median of two is the lower one, the floor a leak raises.
 */
const WINDOW_MIN = 2;
const MIN_SAMPLES_FROM_MARK = 2 * WINDOW_MIN;
const TIMEOUT = { timeout: 300_000 };

/** Runs in the page before its scripts: counts WebGL contexts, their losses, buffers and textures, holding nothing alive. */
export function glProbe(): void {
  interface Entry {
    readonly context: WeakRef<object>;
    lost: boolean;
    buffers: number;
    textures: number;
  }
  const entries: Entry[] = [];
  const byContext = new WeakMap<object, Entry>();
  const deleted = new WeakSet<object>();
  const totals = { created: 0, lost: 0 };
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
    const context = (getContext as (this: HTMLCanvasElement, ...args: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    if (context && /webgl/.test(type) && !byContext.has(context)) {
      const entry: Entry = { context: new WeakRef(context), lost: false, buffers: 0, textures: 0 };
      byContext.set(context, entry);
      entries.push(entry);
      totals.created++;
      this.addEventListener('webglcontextlost', () => {
        if (!entry.lost) totals.lost++;
        entry.lost = true;
      });
      // A restored context starts empty: what the lost one held is gone (three.js makes it again).
      this.addEventListener('webglcontextrestored', () => Object.assign(entry, { lost: false, buffers: 0, textures: 0 }));
    }
    return context;
  } as typeof getContext;
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype] as unknown as Record<string, (...args: unknown[]) => unknown>[]) {
    for (const [create, remove, kind] of [['createBuffer', 'deleteBuffer', 'buffers'], ['createTexture', 'deleteTexture', 'textures']] as const) {
      const made = proto[create]!;
      const gone = proto[remove]!;
      proto[create] = function (this: object, ...args: unknown[]) {
        const object = made.apply(this, args);
        const entry = byContext.get(this);
        if (object && entry) entry[kind]++;
        return object;
      };
      proto[remove] = function (this: object, object: unknown, ...args: unknown[]) {
        const entry = byContext.get(this);
        if (object && entry && !deleted.has(object)) {
          deleted.add(object);
          entry[kind]--;
        }
        return gone.call(this, object, ...args);
      };
    }
  }
  (window as unknown as { __chorusSoak: () => GlCounts }).__chorusSoak = () => {
    const counts = { created: totals.created, lost: totals.lost, live: 0, buffers: 0, textures: 0 };
    for (let k = entries.length - 1; k >= 0; k--) {
      const entry = entries[k]!;
      if (!entry.context.deref()) entries.splice(k, 1);
      else if (!entry.lost) {
        counts.live++;
        counts.buffers += entry.buffers;
        counts.textures += entry.textures;
      }
    }
    return counts;
  };
}

export const glCounts = (page: Page) => page.evaluate(() => (window as unknown as { __chorusSoak: () => GlCounts }).__chorusSoak());
const sceneCount = (page: Page) => page.locator('[data-scene]').count();

/** Bytes of the heap snapshot's objects (JavaScript and native) other than compiled code; a snapshot collects garbage first. */
export async function heapWithoutCode(cdp: CDPSession): Promise<number> {
  return (await heapSnapshotBytes(cdp)).data;
}

/** The heap snapshot's bytes: its objects other than compiled code (`data`), and its compiled code (`code`: V8's type "code"); kept as a .heapsnapshot file at `keepAs` where given. */
export async function heapSnapshotBytes(cdp: CDPSession, keepAs?: string): Promise<{ data: number; code: number }> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  // A soak that is asked to keeps each snapshot, for DevTools' Memory panel (Load) or a diff of two.
  if (keepAs) writeFileSync(keepAs, chunks.join(''));
  const { snapshot, nodes } = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.meta.node_fields;
  const [type, size] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const code = snapshot.meta.node_types[0].indexOf('code');
  const bytes = { data: 0, code: 0 };
  for (let k = 0; k < nodes.length; k += fields.length) bytes[nodes[k + type] === code ? 'code' : 'data'] += nodes[k + size]!;
  return bytes;
}

const listenerCount = async (cdp: CDPSession) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSEventListeners')?.value ?? NaN;

/**
 * Event listeners on live objects. Chromium's count (Performance.getMetrics JSEventListeners) drops a
 * listener when Blink's lazy sweep frees its target, after garbage collection and at a time of its own,
 * so one reading sometimes held a collected canvas's 43 listeners: 270, 313, 356, 270 in one run here,
 * while the listeners of the objects still in the heap (Runtime.queryObjects + getEventListeners: too
 * slow and too intrusive for every sample) stayed the same. Unswept targets only add, so the least of
 * a few readings after garbage collection is the live count; a leak raises it.
 */
export async function liveListeners(page: Page, cdp: CDPSession): Promise<number> {
  let least = Infinity;
  for (let reading = 0; reading < 5; reading++) {
    if (reading > 0) await page.waitForTimeout(400);
    await cdp.send('HeapProfiler.collectGarbage');
    least = Math.min(least, await listenerCount(cdp));
  }
  return least;
}

async function sample(page: Page, cdp: CDPSession, at: Omit<SoakSample, 'heapMb' | 'dataMb' | 'nodes' | 'attached' | 'listeners' | 'workers' | 'gl' | 'scenes'>): Promise<SoakSample> {
  const listeners = await liveListeners(page, cdp);
  // Twice: the first pass can leave objects that only a second one finds unreachable (weak references, finalizers).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const attached = await page.evaluate(() => document.getElementsByTagName('*').length);
  const dataMb = (await heapWithoutCode(cdp)) / 2 ** 20;
  return { ...at, heapMb: heap.usedSize / 2 ** 20, dataMb, nodes: metric('Nodes'), attached, listeners, workers: page.workers().length, gl: await glCounts(page), scenes: await sceneCount(page) };
}

/** The small dataset of cycle `cycle`: the same data each time, named after the cycle so its arrival can be waited on. */
function smallDataset(cycle: number): { name: string; text: string } {
  const file = { ...smallChorusFile({ neurons: 8, trialsPerSide: 12, sessions: 3, passive: true }), name: `soak dataset ${cycle}` };
  return { name: 'soak.chorus.json', text: JSON.stringify(file) };
}

export async function runSoak(app: RunningApp, options: SoakOptions): Promise<SoakReport> {
  const { minutes, demoEvery = 3, dwellSeconds = 2, reopen = true, log = () => {} } = options;
  // openApp opens its page through app.browser.newPage: this one adds the probe before the app loads.
  const probed: RunningApp = {
    ...app,
    browser: {
      newPage: async (size: Parameters<Browser['newPage']>[0]) => {
        const page = await app.browser.newPage(size);
        await page.addInitScript(glProbe);
        return page;
      },
    } as Browser,
  };
  const { page, errors } = await openApp(probed);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const demoName = (await page.getByLabel('Current dataset', { exact: true }).textContent()) ?? '';
  const failures: string[] = [];
  const samples: SoakSample[] = [];
  let reopens = 0;
  let switches = 0;

  const checkContexts = async (when: string) => {
    const [gl, scenes] = [await glCounts(page), await sceneCount(page)];
    if (gl.live > scenes) failures.push(`${when}: ${gl.live} live WebGL contexts for ${scenes} visible scene(s)`);
  };
  const play = async () => {
    await page.getByLabel('Loop').check();
    await page.getByLabel('Speed').selectOption('4.8');
    const button = page.getByRole('button', { name: /^(Play|Pause)$/ });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  };
  /** Every layout, then every view mode, each played for a while; ends in the single view's anatomical layout. */
  const switchAround = async (dataset: string) => {
    for (const layout of ['functional', 'tuning', 'anatomical']) {
      await page.getByLabel('Layout').selectOption(layout);
      await page.waitForFunction((name) => [...document.querySelectorAll('[data-scene]')].every((scene) => scene.getAttribute('data-layout') === name), layout, TIMEOUT);
      await playbackTimePasses(page, dwellSeconds);
      switches++;
    }
    for (const [mode, scenes] of [['split', 2], ['difference', 1], ['single', 1]] as const) {
      await page.getByRole('combobox', { name: 'View', exact: true }).selectOption(mode);
      await page.waitForFunction((count) => document.querySelectorAll('[data-scene] canvas').length === count, scenes, TIMEOUT);
      await playbackTimePasses(page, dwellSeconds);
      await checkContexts(`${dataset}, ${mode} view`);
      switches++;
    }
  };
  const analysed = async (name: string) => {
    await page.getByLabel('Current dataset', { exact: true }).filter({ hasText: name }).waitFor(TIMEOUT);
    await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', ...TIMEOUT });
  };

  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // Until the time is up and MIN_SAMPLES_FROM_MARK samples are from the 10% mark on, so that growth is measured on a slow machine too.
  const fromMark = () => samples.filter((s) => s.seconds >= 0.1 * minutes * 60).length;
  let cycle = 0;
  try {
    for (; elapsed() < minutes * 60 || fromMark() < MIN_SAMPLES_FROM_MARK; cycle++) {
      // Without reopening (a control run), the small dataset is opened once and every cycle only plays and switches.
      if (cycle % demoEvery === 0 && (reopen || cycle === 0)) {
        // The first cycle plays the demo the page opened with; later ones reopen it.
        if (cycle > 0) {
          await page.getByRole('button', { name: 'Load demo' }).click();
          await analysed(demoName);
          reopens++;
        }
        await play();
        await switchAround('demo');
      }
      if (reopen || cycle === 0) {
        await dropFiles(page, [smallDataset(cycle)]);
        await openFromDialog(page);
        await analysed(`soak dataset ${cycle}`);
        // The statistics pass of the small dataset takes seconds; the sample waits for its tests to be shown.
        await page.getByLabel('Tests', { exact: true }).waitFor(TIMEOUT);
        reopens++;
      }
      await play();
      await switchAround('small dataset');
      samples.push(await sample(page, cdp, { seconds: elapsed(), cycle, reopens, switches }));
      log(sampleRow(samples.at(-1)!));
      const last = samples.at(-1)!;
      if (last.gl.live > last.scenes) failures.push(`sample ${samples.length}: ${last.gl.live} live WebGL contexts for ${last.scenes} visible scene(s)`);
    }
  } catch (error) {
    // A step that never finished ends the soak as a failure; the samples so far are still reported.
    const dialog = await page.getByRole('dialog', { name: 'Open dataset' }).textContent({ timeout: 1000 }).catch(() => null);
    failures.push(`cycle ${cycle} stopped: ${(error as Error).message.split('\n')[0]}${dialog ? ` (the dataset dialog says: ${dialog.replace(/\s+/g, ' ').slice(0, 300)})` : ''}`);
  }
  await page.close();

  const baseline = samples.findIndex((s) => s.seconds >= 0.1 * minutes * 60);
  const fromMarkOn = baseline < 0 ? [] : samples.slice(baseline);
  const window = Math.max(WINDOW_MIN, Math.floor(fromMarkOn.length / 4));
  const [first, last] = [fromMarkOn.slice(0, window), fromMarkOn.slice(-window)];
  const [from, to] = [first[0], last.at(-1)];
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const measured: [string, (s: SoakSample) => number][] = [
    ['objects MB', (s) => s.dataMb],
    ['DOM nodes', (s) => s.nodes],
    ['event listeners', (s) => s.listeners],
    ['WebGL buffers', (s) => s.gl.buffers],
    ['WebGL textures', (s) => s.gl.textures],
    ['workers', (s) => s.workers],
  ];
  const growth =
    from && to && from !== to
      ? measured.map(([metric, value]) => {
          const [a, b] = [median(first.map(value)), median(last.map(value))];
          return { metric, from: a, to: b, percent: a === 0 ? (b === 0 ? 0 : Infinity) : (100 * (b - a)) / a };
        })
      : [];
  if (growth.length === 0) failures.push(`${samples.length} sample(s), ${fromMark()} from the 10% mark on: too few to measure growth`);
  const [heapFrom, heapTo] = [median(first.map((s) => s.heapMb)), median(last.map((s) => s.heapMb))];
  const heap = from && to ? { metric: 'JS heap MB (all)', from: heapFrom, to: heapTo, percent: (100 * (heapTo - heapFrom)) / heapFrom } : null;
  for (const g of growth) {
    if (g.percent > MAX_GROWTH_PERCENT) failures.push(`${g.metric} grew ${g.percent.toFixed(1)}% from the 10% mark (${g.from.toFixed(2)}) to the end (${g.to.toFixed(2)})`);
  }
  failures.push(...errors.map((error) => `page error: ${error}`));
  return { minutes, samples, baseline, growth, heap, pageErrors: [...errors], failures };
}

const COLUMNS = ['t s', 'cycle', 'reopens', 'switches', 'heap MB', 'objects MB', 'nodes', 'elements', 'listeners', 'workers', 'GL created', 'GL lost', 'GL live', 'scenes', 'buffers', 'textures'];
const WIDTHS = COLUMNS.map((c) => Math.max(c.length, 6));

export function sampleHeader(): string {
  return COLUMNS.map((c, k) => c.padStart(WIDTHS[k]!)).join(' ');
}

export function sampleRow(s: SoakSample): string {
  const cells = [s.seconds.toFixed(0), s.cycle, s.reopens, s.switches, s.heapMb.toFixed(2), s.dataMb.toFixed(2), s.nodes, s.attached, s.listeners, s.workers, s.gl.created, s.gl.lost, s.gl.live, s.scenes, s.gl.buffers, s.gl.textures];
  return cells.map((cell, k) => String(cell).padStart(WIDTHS[k]!)).join(' ');
}

/** The samples (the 10% mark marked) and the growth of each measure from there to the end. */
export function soakSummary(report: SoakReport): string {
  const rows = report.samples.map((s, k) => `${sampleRow(s)}${k === report.baseline ? '  ← 10% mark' : ''}`);
  const last = report.samples.at(-1);
  const line = (g: Growth) => `  ${g.metric.padEnd(18)} ${g.from.toFixed(2).padStart(9)} → ${g.to.toFixed(2).padStart(9)}  (${g.percent >= 0 ? '+' : ''}${g.percent.toFixed(1)}%)`;
  const growth = report.growth.map(line);
  if (report.heap) growth.push(`${line(report.heap)}  compiled code included; not checked`);
  return [
    sampleHeader(),
    ...rows,
    '',
    `growth from the 10% mark to the end of ${report.minutes} min, medians of the first and last quarter of the samples from the mark (fails above ${MAX_GROWTH_PERCENT}%):`,
    ...growth,
    `  WebGL contexts: ${last?.gl.created ?? 0} created, ${last?.gl.lost ?? 0} lost (released), ${last?.gl.live ?? 0} live for ${last?.scenes ?? 0} visible scene(s)`,
    `  page errors: ${report.pageErrors.length}`,
    report.failures.length === 0 ? 'soak passed' : `soak FAILED:\n  ${report.failures.join('\n  ')}`,
  ].join('\n');
}
