import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { analyzeFrame, populationRefusal, type FrameAnalysis } from './frameAnalysis';
import type { AnalysisSettings } from './settings';

/** One unit of work: a (session, epoch) pair, in session order then epoch order. */
export interface FrameKey {
  readonly sessionIndex: number;
  readonly epochIndex: number;
}

export function frameKeys(dataset: Dataset): FrameKey[] {
  return dataset.sessions.flatMap((session, sessionIndex) =>
    session.epochs.map((_, epochIndex) => ({ sessionIndex, epochIndex })),
  );
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
  return issues;
}

export interface PipelineProgress {
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

/**
 * The analysis as a generator: it yields after each frame with progress, so the caller (a Web Worker,
 * the CLI) decides when to pause, report or stop — cancelling is simply not asking for the next frame.
 * Pure: no timers, no I/O. Throws DatasetError (with every problem) before computing if any frame is
 * not analysable.
 */
export function* analysisSteps(
  dataset: Dataset,
  settings: AnalysisSettings,
  file?: string,
): Generator<PipelineProgress, FrameAnalysis[], void> {
  const problems = checkAnalysable(dataset, settings, file);
  if (problems.length > 0) throw new DatasetError(problems);
  const keys = frameKeys(dataset);
  const frames: FrameAnalysis[] = [];
  for (const key of keys) {
    const session = dataset.sessions[key.sessionIndex]!;
    yield {
      done: frames.length,
      total: keys.length,
      step: `session ${session.id}, epoch ${session.epochs[key.epochIndex]!.name}`,
    };
    frames.push(analyzeFrame(dataset, key.sessionIndex, key.epochIndex, settings));
  }
  return frames;
}

/** Runs every step at once (tests, small data). */
export function analyzeDataset(dataset: Dataset, settings: AnalysisSettings): FrameAnalysis[] {
  const steps = analysisSteps(dataset, settings);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
