import type { Dataset, DatasetIssue } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { frameKeys } from '../framePlan';
import { planRun, type AnalysisRunOptions } from '../engine/runAnalysis';
import { inlinePool } from '../engine/framePool';
import type { FrameJob } from '../engine/frameJobs';
import type { FrameMeasures } from '../frameAnalysis';
import type { PairBlockResult } from '../pairBlock';
import { discriminations } from '../discrimination';
import { conditionRoles, type ConditionRoles } from '../../dataset/conditionRoles';
import { sessionBehaviour, type SessionBehaviour } from '../behaviour';
import type { AnalysisSettings } from '../settings';
import { datasetHash, valueHash } from './contentHash';
import { frameInputBytes, frameUnitBytes, shardPlan, type FrameShape, type ShardPlan, type WorkUnit } from './shardPlan';

export const SHARD_FORMAT = 'chorus-shard';
export const SHARD_VERSION = 1;

/** Which part of a run: shard `index` (from 0) of `count`. */
export interface ShardId {
  readonly index: number;
  readonly count: number;
}

/** What every shard of a run says about the whole run (the same in each; a merge checks that it is). */
export interface ShardHeader {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof SHARD_VERSION;
  readonly generator: string;
  readonly shard: ShardId;
  readonly datasetHash: string;
  readonly settingsHash: string;
  readonly planHash: string;
  readonly dataset: { readonly name: string; readonly file: string | null; readonly neurons: readonly string[]; readonly sessions: number; readonly matching: string };
  readonly settings: AnalysisSettings;
  /** Each frame as it is named in messages, in frameKeys order. */
  readonly frames: readonly { readonly session: string; readonly epoch: string; readonly neurons: number }[];
  readonly unitCount: number;
  /** The units this shard ran (indices into the plan). */
  readonly units: readonly number[];
  readonly fixedNeurons: number | null;
  readonly relevance: Float64Array;
  readonly highRelevance: Uint8Array | null;
  readonly roles: Pick<ConditionRoles, 'task' | 'passive'>;
  readonly behaviour: readonly SessionBehaviour[];
  /** The reading warnings of the dataset, formatted, carried into the results. */
  readonly issues: readonly DatasetIssue[];
}

export interface ShardOutput {
  readonly header: ShardHeader;
  readonly measures: readonly { readonly unit: number; readonly frame: number; readonly measures: FrameMeasures }[];
  readonly blocks: readonly { readonly unit: number; readonly frame: number; readonly block: PairBlockResult }[];
}

export interface ShardRunOptions extends Pick<AnalysisRunOptions, 'pool' | 'signal' | 'file'> {
  /** The most memory a shard may plan to use (--max-memory): the dataset, a frame's inputs and a pair block. */
  readonly memoryLimit: number;
  readonly generator: string;
  /** The dataset's reading warnings (carried into the merged results). */
  readonly warnings?: readonly DatasetIssue[];
  readonly onProgress?: (done: number, total: number) => void;
  /** Told once the shard is planned, before its units run: how many it runs, and the estimated peak bytes of its frame units and of its pair blocks. */
  readonly onPlanned?: (plan: { units: number; of: number; frameUnitBytes: number; blockBytes: number }) => void;
  /** Fewest rows per pair block where memory allows (shardPlan's MIN_BLOCK_ROWS; tests cut small frames finer). */
  readonly minBlockRows?: number;
}

/** Bytes of the dataset's responses and trials, which every shard holds. */
function datasetBytes(dataset: Dataset): number {
  return dataset.sessions.reduce((sum, s) => sum + s.responses.byteLength + s.stimulus.byteLength + s.present.byteLength, 0);
}

/**
 * One shard of a run: plans every frame (as the unsharded run does, so N and the relevance split are the
 * whole run's), cuts the run into units (shardPlan) and runs this shard's units on the pool.
 */
export async function runShard(dataset: Dataset, settings: AnalysisSettings, shard: ShardId, options: ShardRunOptions): Promise<ShardOutput> {
  const pool = options.pool ?? inlinePool();
  const keys = frameKeys(dataset);
  const context = await planRun(dataset, settings, keys, pool, { ...(options.signal ? { signal: options.signal } : {}), ...(options.file ? { file: options.file } : {}) });
  const shapes: FrameShape[] = keys.map((key, k) => {
    const session = dataset.sessions[key.sessionIndex]!;
    return {
      neurons: context.plans[k]!.neurons.length,
      trials: session.trialCount,
      classes: new Set(session.stimulus).size,
      levels: Math.max(1, discriminations(session.stimulus, settings).length),
      subsetNeurons: context.plans[k]!.subsetNeurons,
    };
  });
  const fixed = datasetBytes(dataset) + Math.max(0, ...shapes.map(frameInputBytes));
  if (options.memoryLimit <= fixed) {
    throw new DatasetError([
      {
        severity: 'error',
        ...(options.file ? { file: options.file } : {}),
        field: '--max-memory',
        message: `a shard of this dataset needs more than ${megabytes(fixed)} (the dataset and one frame's responses) before any pair block; --max-memory is ${megabytes(options.memoryLimit)}`,
      },
    ]);
  }
  const plan = shardPlan(shapes, settings, shard.count, options.memoryLimit - fixed, options.minBlockRows);
  const mine = plan.assignment[shard.index] ?? [];
  // Before any heavy work: what the shard's largest unit will hold (pair blocks fit the limit; frame units may not).
  const frameUnits = mine.filter((u) => plan.units[u]!.kind === 'frame').map((u) => frameUnitBytes(shapes[plan.units[u]!.frame]!));
  options.onPlanned?.({ units: mine.length, of: plan.units.length, frameUnitBytes: datasetBytes(dataset) + Math.max(0, ...frameUnits), blockBytes: fixed + plan.blockBytes });
  const frameContext = { fixedNeurons: context.fixedNeurons, highRelevance: context.highRelevance };
  const jobs: FrameJob[] = mine.map((u) => {
    const unit = plan.units[u]!;
    const key = keys[unit.frame]!;
    const framePlan = context.plans[unit.frame]!;
    return unit.kind === 'frame'
      ? { kind: 'measures', key, plan: framePlan, settings, context: frameContext, ...(options.file ? { file: options.file } : {}) }
      : { kind: 'pairs', key, plan: framePlan, settings, rows: unit.rows, shuffles: unit.shuffles };
  });
  let done = 0;
  options.onProgress?.(0, jobs.length);
  const results = await pool.run(dataset, jobs, {
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: () => options.onProgress?.(++done, jobs.length),
  });
  const measures: ShardOutput['measures'][number][] = [];
  const blocks: ShardOutput['blocks'][number][] = [];
  results.forEach((result, k) => {
    const unit = mine[k]!;
    const frame = plan.units[unit]!.frame;
    if (result.kind === 'measures') measures.push({ unit, frame, measures: result.measures });
    else if (result.kind === 'pairs') blocks.push({ unit, frame, block: result.block });
    else throw new Error(`a shard unit returned a ${result.kind}`);
  });
  const roles = conditionRoles(dataset);
  return {
    header: {
      format: SHARD_FORMAT,
      version: SHARD_VERSION,
      generator: options.generator,
      shard,
      datasetHash: datasetHash(dataset),
      settingsHash: valueHash(settings),
      planHash: planHash(plan),
      dataset: { name: dataset.name, file: options.file ?? null, neurons: dataset.neurons.map((n) => n.id), sessions: dataset.sessions.length, matching: dataset.matching },
      settings,
      frames: keys.map((key, k) => ({ session: dataset.sessions[key.sessionIndex]!.id, epoch: dataset.sessions[key.sessionIndex]!.epochs[key.epochIndex]!.name, neurons: context.plans[k]!.neurons.length })),
      unitCount: plan.units.length,
      units: mine,
      fixedNeurons: context.fixedNeurons,
      relevance: context.relevance,
      highRelevance: context.highRelevance,
      roles: { task: roles.task, passive: roles.passive },
      behaviour: sessionBehaviour(dataset),
      issues: options.warnings ?? [],
    },
    measures,
    blocks,
  };
}

/** The plan's fingerprint: its units in order (shards that cut the run differently cannot be merged). */
export function planHash(plan: Pick<ShardPlan, 'units'>): string {
  return valueHash(plan.units.map((u: WorkUnit) => (u.kind === 'frame' ? [u.frame] : [u.frame, ...u.rows, ...u.shuffles])));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
