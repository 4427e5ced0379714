/// <reference lib="webworker" />
// Runs reading, analysis and timeline building off the UI thread; yields between frames so that
// progress is posted and a cancel message is seen promptly.
import { workerRequestSchema, type DatasetPreview, type WorkerReply } from './protocol';
import { MappingError, openSessionFiles, type OpenedDataset } from '../../shared/formats/index';
import type { DatasetMapping } from '../../shared/formats/mapping';
import { trialsPerCondition } from '../../shared/dataset/counts';
import type { ByteSource } from '../../shared/formats/source';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { POINT_ESTIMATES_ONLY, resolveSettings, type AnalysisSettings } from '../../shared/analysis/settings';
import { buildTimeline, DEFAULT_TIMELINE_OPTIONS, type Timeline } from '../../shared/network/timeline';
import { DatasetError, formatIssue } from '../../shared/dataset/datasetError';
import type { Dataset, DatasetIssue } from '../../shared/dataset/types';
import { analysisSteps, checkAnalysable, frameKeys, type AnalysisOutput } from '../../shared/analysis/pipeline';
import type { FrameContext } from '../../shared/analysis/frameAnalysis';
import { summarize } from '../../shared/analysis/summary';
import { FramePool } from './framePool';

declare const self: DedicatedWorkerGlobalScope;

const cancelled = new Set<number>();

/**
 * The app's statistics pass: lighter than the CLI's defaults so intervals arrive within seconds on a
 * laptop; the CLI (or a later settings panel) runs the full counts.
 */
const APP_STATISTICS: Partial<AnalysisSettings> = { bootstrap: 50, shuffles: 50, permutations: 500, subsets: 100 };

let pool: FramePool | null = null;

/** A File or Blob read in slices on demand (FileReaderSync exists in workers): large files are never copied whole. */
function blobSource(blob: Blob): ByteSource {
  const reader = new FileReaderSync();
  return { size: blob.size, read: (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, Math.min(blob.size, offset + length)))) };
}
const post = (reply: WorkerReply, transfer: Transferable[] = []): void => self.postMessage(reply, transfer);
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = workerRequestSchema.safeParse(event.data);
  if (!parsed.success) return; // Only our own UI posts here; anything else is ignored.
  const request = parsed.data;
  if (request.kind === 'cancel') {
    cancelled.add(request.job);
    return;
  }
  if (request.kind === 'demo') {
    void run(request.job, async () => ({ dataset: simulateLearningDataset({ seed: request.seed }), warnings: [], source: 'demo' }));
    return;
  }
  const source = request.files.map((f) => f.name).join(' + ');
  const read = () => readFiles(request.job, request.files, request.mapping, request.dropSilent);
  if (request.kind === 'preview') void runPreview(request.job, read);
  else void run(request.job, async () => ({ ...(await read()), source }));
});

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

async function readFiles(job: number, files: readonly { name: string; blob: Blob }[], mapping: DatasetMapping, dropSilent: boolean): Promise<OpenedDataset> {
  const key = readKey(files, mapping, dropSilent);
  if (lastRead?.keys.includes(key)) return lastRead.opened;
  const inputs = files.map((f) => ({ name: f.name, source: blobSource(f.blob) }));
  const opened = await openSessionFiles(inputs, {
    dropSilent,
    mapping,
    onProgress: (step, done, total) => post({ kind: 'progress', job, done, total, step }),
  });
  lastRead = { keys: [key, readKey(files, opened.mapping, dropSilent)], opened };
  return opened;
}

async function runPreview(job: number, read: () => Promise<OpenedDataset>): Promise<void> {
  try {
    post({ kind: 'progress', job, done: 0, total: 1, step: 'reading' });
    await nextTask();
    const opened = await read();
    // Frames that cannot be analysed (too few trials at any stimulus pair, …) are said here, before Open.
    const refusals = checkAnalysable(opened.dataset, resolveSettings(POINT_ESTIMATES_ONLY), opened.dataset.name);
    if (refusals.length > 0) {
      post({ kind: 'failed', job, messages: refusals.slice(0, 20).map(formatIssue), canDropSilent: false, choices: opened.choices });
      return;
    }
    post({ kind: 'preview', job, preview: previewOf(opened) });
  } catch (error) {
    post(failure(job, error));
  }
}

function previewOf(opened: OpenedDataset): DatasetPreview {
  const { dataset } = opened;
  return {
    format: opened.reader,
    name: dataset.name,
    neurons: dataset.neurons.length,
    sessions: dataset.sessions.map((s, k) => ({ name: opened.sources[k]?.name ?? s.id, format: opened.sources[k]?.format ?? opened.reader, condition: s.condition, order: s.order, trials: s.trialCount })),
    trialsPerCondition: trialsPerCondition(dataset),
    stimulusValues: [...new Set(dataset.sessions.flatMap((s) => [...s.stimulus]))].sort((a, b) => a - b).slice(0, 50),
    epochs: dataset.sessions[0]?.epochs.map((e) => e.name) ?? [],
    hasChoice: dataset.sessions.some((s) => s.choice !== null),
    warnings: opened.warnings.map(formatIssue),
    mapping: opened.mapping,
    choices: opened.choices,
  };
}

function failure(job: number, error: unknown): WorkerReply {
  const issues = error instanceof DatasetError ? error.issues : null;
  return {
    kind: 'failed',
    job,
    messages: issues ? issues.map(formatIssue) : [`unexpected failure: ${(error as Error).message}`],
    canDropSilent: issues?.some((issue) => /never fires/.test(issue.message)) ?? false,
    choices: error instanceof MappingError ? error.choices : null,
  };
}

async function run(job: number, load: () => Promise<{ dataset: Dataset; warnings: readonly DatasetIssue[]; source: string }>): Promise<void> {
  try {
    post({ kind: 'progress', job, done: 0, total: 1, step: 'reading' });
    await nextTask();
    const { dataset, warnings, source } = await load();
    const steps = analysisSteps(dataset, resolveSettings(POINT_ESTIMATES_ONLY), source);
    let output: AnalysisOutput;
    for (;;) {
      if (cancelled.has(job)) {
        cancelled.delete(job);
        post({ kind: 'cancelled', job });
        return;
      }
      const next = steps.next();
      if (next.done) {
        output = next.value;
        break;
      }
      post({ kind: 'progress', job, ...next.value });
      await nextTask();
    }
    const timeline = buildTimeline(dataset, output.frames, DEFAULT_TIMELINE_OPTIONS, output.relevance);
    const frameWarnings = output.frames.flatMap((frame) => frame.issues);
    post(
      { kind: 'loaded', job, timeline, warnings: [...warnings, ...frameWarnings].map(formatIssue), source },
      timelineBuffers(timeline),
    );
    // The first pass already fixed N and the relevance split (they depend only on settings both passes share).
    await runStatistics(job, dataset, { fixedNeurons: output.fixedNeurons, highRelevance: output.highRelevance });
  } catch (error) {
    post(failure(job, error));
  }
}

/** Second pass on the frame pool: bootstrap CIs, fixed-N subsets, relevance groups, shuffle nulls, summary. */
async function runStatistics(job: number, dataset: Dataset, context: FrameContext): Promise<void> {
  const settings = resolveSettings(APP_STATISTICS);
  const keys = frameKeys(dataset);
  try {
    post({ kind: 'statistics-progress', job, done: 0, total: keys.length });
    await nextTask();
    pool ??= new FramePool(Math.min(4, self.navigator.hardwareConcurrency || 2));
    const results = await pool.analyze(
      dataset,
      keys,
      settings,
      context,
      (done) => post({ kind: 'statistics-progress', job, done, total: keys.length }),
      () => cancelled.has(job),
    );
    if (results === null) return;
    const statistics = results.map((r) => r.statistics);
    const summary = summarize(statistics, settings);
    post({ kind: 'statistics', job, statistics: { frames: statistics, summary, settings, fixedNeurons: context.fixedNeurons } });
  } catch (error) {
    post({ kind: 'statistics-failed', job, message: (error as Error).message });
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
    timeline.nodeChoiceProbability,
    timeline.relevance,
    timeline.preferredStimulus,
    ...Object.values(timeline.layouts),
  ];
  return [...new Set(arrays.map((a) => a.buffer))] as Transferable[];
}
