import type { Dataset, DatasetIssue } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { frameKeys, type FrameKey, type FramePlan } from '../framePlan';
import type { FrameAnalysis, FrameContext } from '../frameAnalysis';
import { isRelevanceFrame, taskRelevance } from '../relevance';
import { summarize, type AnalysisSummary } from '../summary';
import { sessionBehaviour } from '../behaviour';
import { conditionRoles } from '../../dataset/conditionRoles';
import type { AnalysisSettings } from '../settings';
import { inlinePool, type FramePool } from './framePool';
import type { FrameJob, FrameJobResult } from './frameJobs';

export interface AnalysisProgress {
  readonly stage: 'planning' | 'analysing';
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

/** What every frame needs from the whole dataset, fixed before the frames run; a later run may reuse it. */
export interface RunContext extends FrameContext {
  /** Each dataset neuron's task relevance (its information averaged over the relevance frames). */
  readonly relevance: Float64Array;
  /** Every frame's plan, in frameKeys order. */
  readonly plans: readonly FramePlan[];
}

/** A run's frames and summary, with the context it fixed (so a later run on the same dataset can reuse it). */
export interface AnalysisOutput extends RunContext {
  readonly frames: FrameAnalysis[];
  readonly summary: AnalysisSummary;
}

export interface AnalysisRunOptions {
  /** Where the frames run (default: this thread). The owner of a worker pool terminates it. */
  readonly pool?: FramePool;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /** The file the dataset came from, named in every issue. */
  readonly file?: string;
  /**
   * A previous run's context on the same dataset with the same covariance and discrimination settings
   * (the app's statistics pass after its point estimates): planning is skipped and N and the relevance
   * split stay the same.
   */
  readonly context?: RunContext;
}

/**
 * The analysis: the only loop over a dataset's frames. It plans every frame (neurons, refusals, task
 * relevance), fixes the cross-frame context, analyses every frame on the given pool and summarises. The
 * CLI and the app differ only in the pool they pass and the settings; point estimates and statistics are
 * the same run with different counts, and a shard of a run is a choice of frames.
 * Rejects with a DatasetError: every frame that cannot be estimated (before any heavy work), a frame's
 * failure, or the 'cancelled' issue.
 */
export async function runAnalysis(dataset: Dataset, settings: AnalysisSettings, options: AnalysisRunOptions = {}): Promise<AnalysisOutput> {
  const pool = options.pool ?? inlinePool();
  const keys = frameKeys(dataset);
  const context = options.context ?? (await planRun(dataset, settings, keys, pool, options));
  const frameContext: FrameContext = { fixedNeurons: context.fixedNeurons, highRelevance: context.highRelevance };
  const jobs: FrameJob[] = keys.map((key, k) => ({ kind: 'analyze', key, plan: context.plans[k]!, settings, context: frameContext, ...(options.file ? { file: options.file } : {}) }));
  let done = 0;
  options.onProgress?.({ stage: 'analysing', done, total: keys.length, step: 'analysing frames' });
  const results = await pool.run(dataset, jobs, {
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: (index) => options.onProgress?.({ stage: 'analysing', done: ++done, total: keys.length, step: progressStep(dataset, keys[index]!) }),
  });
  const frames = results.map(analysedFrame);
  return {
    frames,
    summary: summarize(frames, settings, conditionRoles(dataset), sessionBehaviour(dataset)),
    relevance: context.relevance,
    highRelevance: context.highRelevance,
    fixedNeurons: context.fixedNeurons,
    plans: context.plans,
  };
}

/** The run's context (every frame's plan, N, the relevance split); rejects with every frame that cannot be estimated. */
export async function planRun(
  dataset: Dataset,
  settings: AnalysisSettings,
  keys: readonly FrameKey[] = frameKeys(dataset),
  pool: FramePool = inlinePool(),
  options: Pick<AnalysisRunOptions, 'signal' | 'onProgress' | 'file'> = {},
): Promise<RunContext> {
  const settingsProblem = settingsIssue(settings, options.file);
  if (settingsProblem) throw new DatasetError([settingsProblem]);
  const jobs: FrameJob[] = keys.map((key) => ({ kind: 'plan', key, settings, relevance: isRelevanceFrame(dataset, key), ...(options.file ? { file: options.file } : {}) }));
  let done = 0;
  options.onProgress?.({ stage: 'planning', done, total: keys.length, step: 'planning frames and task relevance' });
  const results = await pool.run(dataset, jobs, {
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: () => options.onProgress?.({ stage: 'planning', done: ++done, total: keys.length, step: 'planning frames and task relevance' }),
  });
  const planned = results.map((result) => {
    if (result.kind !== 'plan') throw new Error(`expected a plan, got ${result.kind}`);
    return result;
  });
  const refusals = planned.flatMap((p) => (p.plan.refusal ? [p.plan.refusal] : []));
  if (refusals.length > 0) throw new DatasetError(refusals);
  const plans = planned.map((p) => p.plan);
  // Sessions are compared at one N: no larger than the smallest session, nor than any frame's subsets.
  const smallest = Math.min(...plans.map((plan) => plan.subsetNeurons ?? plan.neurons.length));
  const { relevance, high } = taskRelevance(
    dataset.neurons.length,
    planned.flatMap((p) => (p.information ? [{ neurons: p.plan.neurons, information: p.information }] : [])),
  );
  return {
    fixedNeurons: settings.fixedNeurons ?? (smallest >= 2 ? smallest : null),
    highRelevance: dataset.neurons.length >= 4 ? high : null,
    relevance,
    plans,
  };
}

/**
 * Every reason the dataset cannot be analysed with these settings, without analysing it (the dataset
 * dialog says them before Open; `chorus analyze` before any heavy work). Empty when it can.
 */
export async function analysisProblems(dataset: Dataset, settings: AnalysisSettings, file?: string): Promise<DatasetIssue[]> {
  try {
    await planRun(dataset, settings, frameKeys(dataset), inlinePool(), file ? { file } : {});
    return [];
  } catch (error) {
    if (error instanceof DatasetError) return [...error.issues];
    throw error;
  }
}

function settingsIssue(settings: AnalysisSettings, file?: string): DatasetIssue | null {
  if (settings.fixedNeurons !== null && settings.fixedNeurons < 2) {
    return { severity: 'error', ...(file ? { file } : {}), field: '--neurons', message: 'the fixed population size must be at least 2' };
  }
  return null;
}

/** A frame in a progress line: `session day1-task, epoch stimulus`. */
function progressStep(dataset: Dataset, { sessionIndex, epochIndex }: FrameKey): string {
  const session = dataset.sessions[sessionIndex]!;
  return `session ${session.id}, epoch ${session.epochs[epochIndex]!.name}`;
}

function analysedFrame(result: FrameJobResult): FrameAnalysis {
  if (result.kind === 'frame') return result.frame;
  throw new Error('expected a frame, got a plan');
}
