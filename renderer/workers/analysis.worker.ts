/// <reference lib="webworker" />
// Runs reading, analysis and timeline building off the UI thread; yields between frames so that
// progress is posted and a cancel message is seen promptly.
import { workerRequestSchema, type WorkerReply } from './protocol';
import { openSessionFiles } from '../../shared/formats/index';
import { isMatchingTable } from '../../shared/formats/matchingTable';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { POINT_ESTIMATES_ONLY, resolveSettings, type AnalysisSettings } from '../../shared/analysis/settings';
import { buildTimeline } from '../../shared/network/timeline';
import { DatasetError, formatIssue } from '../../shared/dataset/datasetError';
import type { Dataset, DatasetIssue } from '../../shared/dataset/types';
import { analysisSteps, frameKeys, type AnalysisOutput } from '../../shared/analysis/pipeline';
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
  void run(request.job, async () => {
    if (request.kind === 'demo') return { dataset: simulateLearningDataset({ seed: request.seed }), warnings: [], source: 'demo' };
    // A matching table among the chosen files says which unit of each file is which tracked neuron.
    const table = request.files.find((file) => isMatchingTable(new TextDecoder().decode(file.bytes.subarray(0, 4096))));
    const opened = await openSessionFiles(
      request.files.filter((file) => file !== table),
      { dropSilent: request.dropSilent, ...(table ? { matching: table } : {}) },
    );
    return { dataset: opened.dataset, warnings: opened.warnings, source: request.files.map((f) => f.name).join(' + ') };
  });
});

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
    const timeline = buildTimeline(dataset, output.frames);
    const frameWarnings = output.frames.flatMap((frame) => frame.issues);
    post(
      { kind: 'loaded', job, timeline, warnings: [...warnings, ...frameWarnings].map(formatIssue), source },
      [timeline.positions.buffer, timeline.edges.buffer, timeline.edgeWeights.buffer, timeline.nodeWeights.buffer] as Transferable[],
    );
    // The first pass already fixed N and the relevance split (they depend only on settings both passes share).
    await runStatistics(job, dataset, { fixedNeurons: output.fixedNeurons, highRelevance: output.highRelevance });
  } catch (error) {
    const issues = error instanceof DatasetError ? error.issues : null;
    post({
      kind: 'failed',
      job,
      messages: issues ? issues.map(formatIssue) : [`unexpected failure: ${(error as Error).message}`],
      canDropSilent: issues?.some((issue) => /never fires/.test(issue.message)) ?? false,
    });
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
