/// <reference lib="webworker" />
// Reading, analysis and timeline building off the UI thread. Every job has an AbortController: a cancel
// message aborts it, and the reader or the engine stops at its next check.
import { workerRequestSchema, type DatasetPreview, type FoundSource, type ReplyIssue, type WorkerReply } from './protocol';
import { groupInputs } from '../../shared/formats/groupInputs';
import { sourceFacts } from '../../shared/formats/sourceFacts';
import { MappingError, openSessionFiles, type OpenedDataset } from '../../shared/formats/index';
import type { DatasetMapping } from '../../shared/formats/mapping';
import { trialsPerCondition } from '../../shared/dataset/counts';
import type { ByteSource } from '../../shared/formats/source';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { simulateHypothesis, type HypothesisOptions } from '../../shared/simulate/hypotheses';
import { sessionPoints } from '../../shared/network/sessionPoints';
import { NO_ANALYSIS_CHOICES, POINT_ESTIMATES_ONLY, resolveSettings, type AnalysisChoices } from '../../shared/analysis/settings';
import { buildTimeline, DEFAULT_TIMELINE_OPTIONS, type Timeline } from '../../shared/network/timeline';
import { DatasetError, formatIssue } from '../../shared/dataset/datasetError';
import { isCancellation } from '../../shared/dataset/cancellation';
import { noticeLines } from '../../shared/dataset/issueOrder';
import { pointEstimateTimeline } from '../../shared/network/pointTimeline';
import { readResults } from '../../shared/network/readResults';
import { timelineFromResults } from '../../shared/network/resultsTimeline';
import type { Dataset, DatasetIssue } from '../../shared/dataset/types';
import { analysisProblems, runAnalysis, type RunContext } from '../../shared/analysis/engine/runAnalysis';
import { inlinePool, type FramePool } from '../../shared/analysis/engine/framePool';
import { webWorkerPool } from './webWorkerPool';
import { frameStatistics } from '../../shared/analysis/frameStatistics';
import { resultsJson } from '../../shared/analysis/results';
import { populationCsv } from '../../shared/export/populationCsv';
import type { AnalysisOutput } from '../../shared/analysis/engine/runAnalysis';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { pageBackend } from '../gpu/pageBackend';

declare const self: DedicatedWorkerGlobalScope;

/** Jobs in progress, each with the controller its cancel message aborts; removed when the job ends. */
const jobs = new Map<number, AbortController>();

/** The point-estimate pass runs here (no copy of the dataset); the statistics pass on a pool of frame workers. */
/**
 * Yields to the event loop (a cancel message can arrive) through a MessageChannel: a chain of
 * setTimeout(0) is clamped to 4 ms per step after five, which cost the explorer ~0.2 s per update.
 */
const yieldChannel = new MessageChannel();
const yielding: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yielding.shift()?.();
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    yielding.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
const thisThread: FramePool = inlinePool(nextTask);
let statisticsPool: FramePool | null = null;

/** A File or Blob read in slices on demand (FileReaderSync exists in workers): large files are never copied whole. */
function blobSource(blob: Blob): ByteSource {
  const reader = new FileReaderSync();
  return { size: blob.size, read: (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, Math.min(blob.size, offset + length)))) };
}
const post = (reply: WorkerReply, transfer: Transferable[] = []): void => self.postMessage(reply, transfer);

/** Runs one job with its own AbortSignal, and forgets the job when it ends however it ends. */
function track(job: number, work: (signal: AbortSignal) => Promise<void>): void {
  const controller = new AbortController();
  jobs.set(job, controller);
  void work(controller.signal).finally(() => {
    if (jobs.get(job) === controller) jobs.delete(job);
  });
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = workerRequestSchema.safeParse(event.data);
  if (!parsed.success) return; // Only our own UI posts here; anything else is ignored.
  const request = parsed.data;
  if (request.kind === 'cancel') {
    jobs.get(request.job)?.abort();
    return;
  }
  const { job } = request;
  if (request.kind === 'export') {
    post(exportReply(job));
    return;
  }
  if (request.kind === 'demo') {
    track(job, (signal) => run(job, signal, async () => ({ dataset: simulateLearningDataset({ seed: request.seed }), warnings: [], source: 'demo' })));
    return;
  }
  if (request.kind === 'simulate') {
    const { options, compare, statistics } = request;
    track(job, async (signal) => {
      if (compare) await postHypothesisPoints(job, { ...options, model: options.model === 'feedback' ? 'efficient' : 'feedback' }, signal);
      if (signal.aborted) return;
      await run(job, signal, async () => ({ dataset: simulateHypothesis(options), warnings: [], source: `hypothesis: ${options.model}` }), statistics);
    });
    return;
  }
  if (request.kind === 'results') {
    track(job, (signal) => openResults(job, request.files, signal));
    return;
  }
  const source = request.files.map((f) => f.name).join(' + ');
  const read = (signal: AbortSignal) => readFiles(job, request.files, request.mapping, request.dropSilent, signal);
  if (request.kind === 'preview') track(job, (signal) => runPreview(job, () => read(signal), () => foundIn(request.files, request.mapping)));
  else track(job, (signal) => run(job, signal, async () => ({ ...(await read(signal)), source }), true, request.choices ?? NO_ANALYSIS_CHOICES));
});

/**
 * Saved results drawn without recomputing: the timeline of each frame's strongest links (streamed from the
 * pairs table), then the summary the results hold, as the statistics pass would post it.
 */
async function openResults(job: number, files: readonly { name: string; blob: Blob }[], signal: AbortSignal): Promise<void> {
  try {
    post({ kind: 'progress', job, done: 0, total: 1, step: 'reading results' });
    const opened = await readResults(
      files.map(({ name, blob }) => ({ name, size: blob.size, read: async (offset: number, length: number) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()) })),
      { signal, onProgress: (done, total, step) => post({ kind: 'progress', job, done, total, step }) },
    );
    const timeline = timelineFromResults(opened.input);
    exportable = null;
    // The timeline goes twice (shown, then with its summary): copied the first time, handed over the second.
    post({ kind: 'loaded', job, timeline, warnings: [...opened.warnings], source: opened.source });
    post({ kind: 'statistics', job, statistics: opened.statistics, timeline }, timelineBuffers(timeline));
  } catch (error) {
    post(failure(job, error));
  }
}

/** The other model's session points for the explorer's side-by-side chart (point estimates only). */
async function postHypothesisPoints(job: number, options: HypothesisOptions, signal: AbortSignal): Promise<void> {
  try {
    const output = await runAnalysis(simulateHypothesis(options), resolveSettings(POINT_ESTIMATES_ONLY), { pool: thisThread, signal });
    post({ kind: 'hypothesis-points', job, model: options.model, points: sessionPoints(output.frames) });
  } catch (error) {
    if (!isCancellation(error)) post(failure(job, error));
  }
}

/**
 * The last dataset read, keyed by files, dropSilent and both the mapping asked for and the mapping as
 * applied (detection filled in): "Open" after a preview sends the applied one, and reading with it gives
 * the same dataset, so a large file is not read twice.
 */
let lastRead: { keys: string[]; opened: OpenedDataset } | null = null;

function readKey(files: readonly { name: string; blob: Blob }[], mapping: DatasetMapping, dropSilent: boolean): string {
  const identity = files.map((f) => [f.name, f.blob.size, f.blob instanceof File ? f.blob.lastModified : 0]);
  return JSON.stringify([identity, mapping, dropSilent]);
}

async function readFiles(
  job: number,
  files: readonly { name: string; blob: Blob }[],
  mapping: DatasetMapping,
  dropSilent: boolean,
  signal: AbortSignal,
): Promise<OpenedDataset> {
  const key = readKey(files, mapping, dropSilent);
  if (lastRead?.keys.includes(key)) return lastRead.opened;
  const inputs = files.map((f) => ({ name: f.name, source: blobSource(f.blob) }));
  // Readers loop synchronously between their checkpoints: this pause lets a cancel message in, at most
  // every 50 ms (browsers clamp nested timeouts to ~4 ms, so pausing at every checkpoint would be slow).
  let lastTurn = performance.now();
  const pause = async () => {
    if (performance.now() - lastTurn < 50) return;
    await nextTask();
    lastTurn = performance.now();
  };
  const opened = await openSessionFiles(inputs, {
    dropSilent,
    mapping,
    signal,
    pause,
    onProgress: (step, done, total) => post({ kind: 'progress', job, done, total, step }),
  });
  lastRead = { keys: [key, readKey(files, opened.mapping, dropSilent)], opened };
  return opened;
}

/** What one source holds by its reader's own account (null for several sources, or a reader with nothing to say). */
async function foundIn(files: readonly { name: string; blob: Blob }[], mapping: DatasetMapping): Promise<FoundSource | null> {
  try {
    const { groups } = groupInputs(files.map((f) => ({ name: f.name, source: blobSource(f.blob) })), mapping);
    const summary = groups.length === 1 ? await groups[0]!.reader.inspect?.(groups[0]!, {}) : null;
    return summary ? { format: summary.format, facts: sourceFacts(summary) } : null;
  } catch {
    return null; // The refusal itself is said already; a summary that fails adds nothing.
  }
}

async function runPreview(job: number, read: () => Promise<OpenedDataset>, found: () => Promise<FoundSource | null>): Promise<void> {
  try {
    post({ kind: 'progress', job, done: 0, total: 1, step: 'reading' });
    await nextTask();
    const opened = await read();
    // Frames that cannot be analysed (too few trials at any stimulus pair, …) are said here, before Open.
    const refusals = await analysisProblems(opened.dataset, resolveSettings(POINT_ESTIMATES_ONLY), opened.dataset.name);
    if (refusals.length > 0) {
      post({ kind: 'failed', job, issues: refusals.slice(0, 20).map(replyIssue), choices: opened.choices });
      return;
    }
    post({ kind: 'preview', job, preview: previewOf(opened) });
  } catch (error) {
    const reply = failure(job, error);
    post(reply.kind === 'failed' && !isCancellation(error) ? { ...reply, found: await found() } : reply);
  }
}

function previewOf(opened: OpenedDataset): DatasetPreview {
  const { dataset } = opened;
  return {
    readers: opened.readers,
    formatLabel: opened.formatLabel,
    name: dataset.name,
    neurons: dataset.neurons.length,
    sessions: dataset.sessions.map((s, k) => ({ name: opened.sources[k]?.name ?? s.id, reader: opened.sources[k]?.reader ?? opened.readers[0]!, condition: s.condition, order: s.order, trials: s.trialCount, recordedAt: s.recordedAt ?? null })),
    orderRule: opened.orderRule,
    trialsPerCondition: trialsPerCondition(dataset),
    stimulusValues: [...new Set(dataset.sessions.flatMap((s) => [...s.stimulus]))].sort((a, b) => a - b).slice(0, 50),
    epochs: dataset.sessions[0]?.epochs.map((e) => e.name) ?? [],
    hasChoice: dataset.sessions.some((s) => s.choice !== null),
    warnings: noticeLines(opened.warnings),
    mapping: opened.mapping,
    choices: opened.choices,
  };
}

/** A failure as the UI shows it: each issue's text with its code, so the UI acts on codes, never on wording. */
function failure(job: number, error: unknown): WorkerReply {
  if (isCancellation(error)) return { kind: 'cancelled', job };
  const issues: readonly DatasetIssue[] =
    error instanceof DatasetError ? error.issues : [{ severity: 'error', code: 'internal', field: '', message: `unexpected failure: ${(error as Error).message}` }];
  return { kind: 'failed', job, issues: issues.map(replyIssue), choices: error instanceof MappingError ? error.choices : null };
}

function replyIssue(issue: DatasetIssue): ReplyIssue {
  return { ...(issue.code ? { code: issue.code } : {}), text: formatIssue(issue) };
}

async function run(
  job: number,
  signal: AbortSignal,
  load: () => Promise<{ dataset: Dataset; warnings: readonly DatasetIssue[]; source: string }>,
  statistics = true,
  choices: AnalysisChoices = NO_ANALYSIS_CHOICES,
): Promise<void> {
  let context: RunContext;
  let dataset: Dataset;
  let source: string;
  let warnings: readonly DatasetIssue[];
  try {
    post({ kind: 'progress', job, done: 0, total: 1, step: 'reading' });
    await nextTask();
    const loaded = await load();
    dataset = loaded.dataset;
    source = loaded.source;
    warnings = loaded.warnings;
    const pass = await pointEstimateTimeline(dataset, loaded.warnings, {
      pool: thisThread,
      signal,
      file: loaded.source,
      onProgress: ({ done, total, step }) => post({ kind: 'progress', job, done, total, step }),
    }, choices);
    post({ kind: 'loaded', job, timeline: pass.timeline, warnings: pass.warnings, source: loaded.source }, timelineBuffers(pass.timeline));
    // The first pass planned the frames and fixed N and the relevance split; the statistics pass keeps them.
    context = pass.context;
  } catch (error) {
    post(failure(job, error));
    return;
  }
  exportable = null;
  if (statistics) await runStatistics(job, dataset, source, context, signal, warnings, choices);
}

/** The last statistics pass, kept for Export results (the dataset is held anyway for the next pass). */
let exportable: { dataset: Dataset; output: AnalysisOutput; settings: AnalysisSettings; file: string; issues: readonly DatasetIssue[] } | null = null;

/** The results JSON `chorus analyze --out` writes for the same data and settings, and the population CSV. */
function exportReply(job: number): WorkerReply {
  if (!exportable) return { kind: 'export-failed', job, message: 'The statistics pass has not finished: results are exported with their intervals and tests once it has.' };
  const { dataset, output, settings, file, issues } = exportable;
  const results = resultsJson(dataset, output, settings, { file, generator: `Chorus app`, issues });
  return { kind: 'export', job, name: dataset.name, results: `${JSON.stringify(results, null, 1)}\n`, population: populationCsv(output.frames) };
}

/** Second pass on the frame pool: bootstrap CIs, fixed-N subsets, relevance groups, shuffle nulls, summary. */
async function runStatistics(
  job: number,
  dataset: Dataset,
  file: string,
  context: RunContext,
  signal: AbortSignal,
  issues: readonly DatasetIssue[],
  choices: AnalysisChoices,
): Promise<void> {
  // The CLI's defaults with the dialog's choices: the same data and flags give the same intervals and
  // p-values in the app and in a results file.
  const settings = resolveSettings({ ...choices });
  try {
    post({ kind: 'statistics-progress', job, done: 0, total: dataset.sessions.reduce((sum, s) => sum + s.epochs.length, 0) });
    statisticsPool ??= webWorkerPool(Math.min(4, self.navigator.hardwareConcurrency || 2), pageBackend(self.name));
    const output = await runAnalysis(dataset, settings, {
      pool: statisticsPool,
      signal,
      file,
      context,
      onProgress: ({ done, total }) => post({ kind: 'statistics-progress', job, done, total }),
    });
    // The same frames with significance: every significant pair becomes an edge, flagged per frame.
    const timeline = buildTimeline(dataset, output.frames, DEFAULT_TIMELINE_OPTIONS, output.relevance);
    const statistics = { frames: output.frames.map(frameStatistics), summary: output.summary, settings, fixedNeurons: output.fixedNeurons };
    exportable = { dataset, output, settings, file, issues };
    post({ kind: 'statistics', job, statistics, timeline }, timelineBuffers(timeline));
  } catch (error) {
    if (isCancellation(error)) return;
    post({ kind: 'statistics-failed', job, message: error instanceof DatasetError ? error.issues.map(formatIssue).join('\n') : (error as Error).message });
  }
}

/** Every typed array of a timeline, handed over to the UI thread without a copy. */
function timelineBuffers(timeline: Timeline): Transferable[] {
  const arrays = [
    timeline.edges,
    timeline.edgeWeights,
    timeline.edgeRank,
    timeline.edgeNoiseCorrelation,
    timeline.nodeWeights,
    timeline.nodeMeanResponse,
    timeline.nodeUsed,
    timeline.nodeChoiceProbability,
    timeline.relevance,
    timeline.preferredStimulus,
    ...Object.values(timeline.layouts),
    ...(timeline.edgeSignificant ? [timeline.edgeSignificant] : []),
    ...(timeline.edgeRedundancyError ? [timeline.edgeRedundancyError] : []),
    ...(timeline.difference ? [timeline.difference.weights, timeline.difference.ranks] : []),
  ];
  return [...new Set(arrays.map((a) => a.buffer))] as Transferable[];
}
