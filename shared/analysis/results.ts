import type { Dataset, DatasetIssue } from '../dataset/types';
import type { FrameAnalysis } from './frameAnalysis';
import { pairAt, pairCount } from './pairIndex';
import type { AnalysisSettings } from './settings';
import { formatIssue } from '../dataset/datasetError';

/** The CLI's output contract, `chorus-results` version 1 (README, "Results format"). */
export const RESULTS_FORMAT = 'chorus-results';
export const RESULTS_VERSION = 1;

export interface PairResult {
  readonly a: string;
  readonly b: string;
  readonly noiseCorrelation: number;
  readonly redundancy: number;
}


export interface ResultsJson {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  readonly generator: string;
  readonly dataset: { name: string; file: string | null; neurons: number; sessions: number; matching: string };
  readonly settings: AnalysisSettings;
  readonly frames: readonly Record<string, unknown>[];
  readonly issues: readonly string[];
}

/** Pairs of a frame, strongest |redundancy| first, limited to `limit` (all when null). */
export function strongestPairs(dataset: Dataset, frame: FrameAnalysis, limit: number | null): PairResult[] {
  const n = dataset.neurons.length;
  const slots: number[] = [];
  for (let slot = 0; slot < pairCount(n); slot++) {
    const [i, j] = pairAt(slot, n);
    if (frame.used[i] === 1 && frame.used[j] === 1) slots.push(slot);
  }
  if (limit !== null) {
    slots.sort((x, y) => Math.abs(frame.pairRedundancy[y]!) - Math.abs(frame.pairRedundancy[x]!));
    slots.length = Math.min(slots.length, limit);
  }
  return slots.map((slot) => {
    const [i, j] = pairAt(slot, n);
    return {
      a: dataset.neurons[i]!.id,
      b: dataset.neurons[j]!.id,
      noiseCorrelation: round(frame.pairNoiseCorrelation[slot]!),
      redundancy: round(frame.pairRedundancy[slot]!),
    };
  });
}

export function resultsJson(
  dataset: Dataset,
  frames: readonly FrameAnalysis[],
  settings: AnalysisSettings,
  context: { file: string | null; generator: string; issues: readonly DatasetIssue[] },
): ResultsJson {
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    generator: context.generator,
    dataset: {
      name: dataset.name,
      file: context.file,
      neurons: dataset.neurons.length,
      sessions: dataset.sessions.length,
      matching: dataset.matching,
    },
    settings,
    frames: frames.map((frame) => ({
      session: frame.session,
      condition: frame.condition,
      order: frame.order,
      epoch: frame.epoch,
      trials: frame.trials,
      neuronCount: frame.neuronsUsed,
      levels: frame.levels.map((level) => ({
        signal: level.signal,
        trialsMinus: level.trialsMinus,
        trialsPlus: level.trialsPlus,
        dof: level.dof,
        fisher: roundOrNull(level.fisher),
        fisherNaive: roundOrNull(level.fisherNaive),
        fisherVariance: roundOrNull(level.fisherVariance),
        fisherShuffled: round(level.fisherShuffled),
      })),
      population: Object.fromEntries(
        Object.entries(frame.population).map(([key, value]) => [key, roundOrNull(value)]),
      ),
      neurons: dataset.neurons.flatMap((neuron, i) =>
        frame.used[i] === 1
          ? [{ id: neuron.id, fisher: round(frame.neuronFisher[i]!), meanResponse: round(frame.neuronMeanResponse[i]!) }]
          : [],
      ),
      pairs: strongestPairs(dataset, frame, settings.allPairs ? null : settings.topPairs),
      issues: frame.issues.map(formatIssue),
    })),
    issues: context.issues.map(formatIssue),
  };
}

/** Seven significant digits: more than any estimate here supports, and JSON stays readable. */
function round(value: number): number {
  return Number(value.toPrecision(7));
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}
