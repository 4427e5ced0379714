import type { Dataset } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { analyzeFrame, analyzeFrameAsync, frameMeasures, frameMeasuresAsync, frameSeed, pairRequest, type FrameAnalysis, type FrameContext, type FrameMeasures } from '../frameAnalysis';
import type { Accelerator } from '../accelerator';
import { pairBlock, pairBlockAsync, pairInput, type PairBlockRequest, type PairBlockResult, type PairInput } from '../pairBlock';
import { planFrame, type FrameKey, type FramePlan } from '../framePlan';
import { extractFrame, type FrameData } from '../frameData';
import { frameNeuronInformation } from '../relevance';
import type { AnalysisSettings } from '../settings';

/**
 * The two kinds of work the engine hands to a pool, one frame each. A job is plain data (it crosses
 * worker boundaries by structured clone) and `executeFrameJob` is a pure function of the dataset and the job,
 * so any worker, in any order, gives the same result.
 */
export type FrameJob =
  /** Decide the frame's neurons and whether it can be estimated; with `relevance`, each neuron's own information. */
  | { readonly kind: 'plan'; readonly key: FrameKey; readonly settings: AnalysisSettings; readonly relevance: boolean; readonly file?: string }
  /**
   * analyze: every measure of the frame, on the neurons its plan chose (the plan is not made again);
   * measures: the same without its pairs (the frame unit of a sharded run).
   */
  | {
      readonly kind: 'analyze' | 'measures';
      readonly key: FrameKey;
      readonly plan: FramePlan;
      readonly settings: AnalysisSettings;
      readonly context: FrameContext;
      readonly file?: string;
    }
  /** The pairs of rows [start, end) of the frame's upper triangle, with shuffles [start, end): a pair unit of a sharded run. */
  | {
      readonly kind: 'pairs';
      readonly key: FrameKey;
      readonly plan: FramePlan;
      readonly settings: AnalysisSettings;
      readonly rows: readonly [number, number];
      readonly shuffles: readonly [number, number];
    };

export type FrameJobResult =
  | { readonly kind: 'plan'; readonly plan: FramePlan; readonly information: Float64Array | null }
  | { readonly kind: 'frame'; readonly frame: FrameAnalysis }
  | { readonly kind: 'measures'; readonly measures: FrameMeasures }
  | { readonly kind: 'pairs'; readonly block: PairBlockResult };

export function executeFrameJob(dataset: Dataset, job: FrameJob): FrameJobResult {
  const { sessionIndex, epochIndex } = job.key;
  if (job.kind === 'plan') {
    const planned = planFrame(dataset, job.key, job.settings, job.file);
    const information = job.relevance && planned.plan.refusal === null ? frameNeuronInformation(planned.frame, job.settings) : null;
    return { kind: 'plan', plan: planned.plan, information };
  }
  const planned = jobFrame(dataset, job);
  if (job.kind === 'measures') return { kind: 'measures', measures: frameMeasures(dataset, sessionIndex, epochIndex, job.settings, job.context, planned).measures };
  if (job.kind === 'pairs') return { kind: 'pairs', block: pairBlock(...pairArguments(job, planned.frame)) };
  return { kind: 'frame', frame: analyzeFrame(dataset, sessionIndex, epochIndex, job.settings, job.context, planned) };
}

/**
 * executeFrameJob on an accelerator (the GPU backend): the covariances and population solves of analysis
 * and measure jobs, and the trial-shuffle null's products of analysis and pair jobs, run there; plans run
 * as executeFrameJob. A failure of the accelerator itself (a product larger than its buffers, a lost
 * device) never fails the run: the job is computed again on the CPU. A problem with the data (a
 * DatasetError) is the data's, and is reported as on the CPU.
 */
export async function executeFrameJobAsync(dataset: Dataset, job: FrameJob, accelerator: Accelerator): Promise<FrameJobResult> {
  if (job.kind === 'plan') return executeFrameJob(dataset, job);
  try {
    return await onAccelerator(dataset, job, accelerator);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    return executeFrameJob(dataset, job);
  }
}

async function onAccelerator(dataset: Dataset, job: PlannedJob, accelerator: Accelerator): Promise<FrameJobResult> {
  const planned = jobFrame(dataset, job);
  const { sessionIndex, epochIndex } = job.key;
  if (job.kind === 'measures') return { kind: 'measures', measures: (await frameMeasuresAsync(dataset, sessionIndex, epochIndex, job.settings, job.context, planned, accelerator)).measures };
  if (job.kind === 'pairs') return { kind: 'pairs', block: await pairBlockAsync(...pairArguments(job, planned.frame), null, accelerator.crossProductBatch) };
  return { kind: 'frame', frame: await analyzeFrameAsync(dataset, job.key, job.settings, job.context, planned, accelerator) };
}

type PlannedJob = Exclude<FrameJob, { kind: 'plan' }>;

/** A planned job's frame: its responses on the plan's neurons, with the plan and the file issues name. */
function jobFrame(dataset: Dataset, job: PlannedJob): { plan: FramePlan; frame: FrameData; file?: string } {
  const frame = extractFrame(dataset, job.key.sessionIndex, job.key.epochIndex, job.plan.neurons);
  return { plan: job.plan, frame, ...('file' in job && job.file ? { file: job.file } : {}) };
}

/** A pair job's block: the frame's inputs and the rows and shuffles asked for. */
function pairArguments(job: Extract<FrameJob, { kind: 'pairs' }>, frame: FrameData): [PairInput, PairBlockRequest] {
  const { sessionIndex, epochIndex } = job.key;
  return [pairInput(frame, job.settings, frameSeed(job.settings, sessionIndex, epochIndex)), pairRequest(job.settings, frame.neurons.length, job.rows, job.shuffles)];
}
