import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { analyzeFrame, populationRefusal, usableNeurons, type FrameAnalysis, type FrameContext } from './frameAnalysis';
import { taskRelevance } from './relevance';
import { summarize, type AnalysisSummary } from './summary';
import type { AnalysisSettings } from './settings';

/** One unit of work: a (session, epoch) pair, in session order then epoch order. */
export interface FrameKey {
  readonly sessionIndex: number;
  readonly epochIndex: number;
}

export function frameKeys(dataset: Dataset): FrameKey[] {
  return dataset.sessions.flatMap((session, sessionIndex) => session.epochs.map((_, epochIndex) => ({ sessionIndex, epochIndex })));
}

/**
 * Checks every frame before any heavy work, so a file with too few trials is refused at once with
 * one line per frame that cannot be estimated (rather than after minutes of analysis).
 */
export function checkAnalysable(dataset: Dataset, settings: AnalysisSettings, file?: string): DatasetIssue[] {
  const issues: DatasetIssue[] = [];
  for (const { sessionIndex, epochIndex } of frameKeys(dataset)) {
    const refusal = populationRefusal(dataset, sessionIndex, epochIndex, settings);
    if (refusal !== null) issues.push({ severity: 'error', ...(file ? { file } : {}), field: '', message: refusal });
  }
  if (settings.fixedNeurons !== null && settings.fixedNeurons < 2) {
    issues.push({ severity: 'error', ...(file ? { file } : {}), field: '--neurons', message: 'the fixed population size must be at least 2' });
  }
  return issues;
}

/**
 * What every frame needs from the whole dataset, decided before the frames run (so they can run in any
 * worker, in any order, with the same result): the fixed N (default: the smallest frame's N) and the
 * task-relevance split.
 */
export function frameContext(dataset: Dataset, settings: AnalysisSettings, keys: readonly FrameKey[]): FrameContext & { relevance: Float64Array } {
  const smallest = Math.min(...keys.map((k) => usableNeurons(dataset, k.sessionIndex, k.epochIndex).neurons.length));
  const { relevance, high } = taskRelevance(dataset, keys, settings);
  return {
    fixedNeurons: settings.fixedNeurons ?? (smallest >= 2 ? smallest : null),
    highRelevance: dataset.neurons.length >= 4 ? high : null,
    relevance,
  };
}

export interface PipelineProgress {
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

export interface AnalysisOutput {
  readonly frames: FrameAnalysis[];
  readonly summary: AnalysisSummary;
  readonly relevance: Float64Array;
  readonly highRelevance: Uint8Array | null;
  readonly fixedNeurons: number | null;
}

/**
 * The analysis as a generator: it yields after each frame with progress, so the caller (a Web Worker,
 * the CLI) decides when to pause, report or stop — cancelling is simply not asking for the next frame.
 * Pure: no timers, no I/O. Throws DatasetError (with every problem) before computing if any frame is
 * not analysable.
 */
export function* analysisSteps(dataset: Dataset, settings: AnalysisSettings, file?: string): Generator<PipelineProgress, AnalysisOutput, void> {
  const problems = checkAnalysable(dataset, settings, file);
  if (problems.length > 0) throw new DatasetError(problems);
  const keys = frameKeys(dataset);
  yield { done: 0, total: keys.length, step: 'task relevance' };
  const context = frameContext(dataset, settings, keys);
  const frames: FrameAnalysis[] = [];
  for (const key of keys) {
    const session = dataset.sessions[key.sessionIndex]!;
    yield { done: frames.length, total: keys.length, step: `session ${session.id}, epoch ${session.epochs[key.epochIndex]!.name}` };
    frames.push(analyzeFrame(dataset, key.sessionIndex, key.epochIndex, settings, context));
  }
  return finishAnalysis(frames, settings, context);
}

/** The summary across frames, once every frame is done (in whatever order or worker they ran). */
export function finishAnalysis(frames: FrameAnalysis[], settings: AnalysisSettings, context: FrameContext & { relevance: Float64Array }): AnalysisOutput {
  return {
    frames,
    summary: summarize(frames, settings),
    relevance: context.relevance,
    highRelevance: context.highRelevance,
    fixedNeurons: context.fixedNeurons,
  };
}

/** Runs every step at once (tests, small data). */
export function analyzeDataset(dataset: Dataset, settings: AnalysisSettings): AnalysisOutput {
  const steps = analysisSteps(dataset, settings);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
