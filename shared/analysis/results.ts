import type { DatasetIssue } from '../dataset/types';
import type { FrameAnalysis } from './frameAnalysis';
import type { AnalysisOutput } from './engine/runAnalysis';
import { pairAt, pairCount } from './pairIndex';
import type { AnalysisSettings } from './settings';
import { formatIssue } from '../dataset/datasetError';
import { DECODER_METHOD_TEXT } from './decoders';
import { Z_95 } from './populationIntervals';

/** The CLI's output contract, `chorus-results` version 1 (README, "Results format"). */
export const RESULTS_FORMAT = 'chorus-results';
export const RESULTS_VERSION = 1;
/** The manifest of a Parquet results folder (shared/export/resultsTables.ts). */
export const RESULTS_MANIFEST = 'results.json';

export interface PairResult {
  readonly a: string;
  readonly b: string;
  readonly noiseCorrelation: number;
  readonly signalCorrelation?: number;
  readonly redundancy: number;
  readonly mutualInformation: number;
  readonly mmiRedundancy: number;
  /** The redundancy's 95% interval (± Z_95 standard errors, delta method) when intervals were computed. */
  readonly redundancyLow?: number;
  readonly redundancyHigh?: number;
  /** Trial-shuffle p of the redundancy, its BH call, and the p of the noise correlation (also the MI's). */
  readonly p?: number;
  readonly significant?: boolean;
  readonly noiseCorrelationP?: number;
}

export interface ResultsJson {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  readonly generator: string;
  readonly dataset: { name: string; file: string | null; neurons: number; sessions: number; matching: string };
  readonly settings: AnalysisSettings;
  readonly fixedNeurons: number | null;
  readonly neurons: readonly { id: string; relevance: number; relevanceGroup: 'high' | 'low' | null }[];
  readonly frames: readonly Record<string, unknown>[];
  readonly summary: AnalysisOutput['summary'];
  readonly issues: readonly string[];
}

/** What the results say of the dataset: a Dataset, or a merge's record of one (neuron ids, session count). */
export interface ResultsDataset {
  readonly name: string;
  readonly matching: string;
  readonly neurons: readonly { readonly id: string }[];
  readonly sessions: readonly unknown[];
}

/** The parts of a run the results report. */
export type ResultsRun = Pick<AnalysisOutput, 'frames' | 'summary' | 'relevance' | 'highRelevance' | 'fixedNeurons'>;

/** Pairs of a frame, strongest |redundancy| first, limited to `limit` (all when null). */
export function strongestPairs(dataset: ResultsDataset, frame: FrameAnalysis, limit: number | null): PairResult[] {
  if (limit === 0) return [];
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
      ...(frame.pairSignalCorrelation ? { signalCorrelation: round(frame.pairSignalCorrelation[slot]!) } : {}),
      redundancy: round(frame.pairRedundancy[slot]!),
      mutualInformation: round(frame.pairMutualInformation[slot]!),
      mmiRedundancy: round(frame.pairMmiRedundancy[slot]!),
      ...pairInterval(frame, slot),
      ...(frame.pairRedundancyP
        ? {
            p: round(frame.pairRedundancyP[slot]!),
            significant: frame.pairSignificant![slot] === 1,
            noiseCorrelationP: round(frame.pairNoiseCorrelationP![slot]!),
          }
        : {}),
    };
  });
}

function pairInterval(frame: FrameAnalysis, slot: number): { redundancyLow?: number; redundancyHigh?: number } {
  const error = frame.pairRedundancyError?.[slot];
  if (error === undefined || !Number.isFinite(error)) return {};
  const value = frame.pairRedundancy[slot]!;
  return { redundancyLow: round(value - Z_95 * error), redundancyHigh: round(value + Z_95 * error) };
}

function frameJson(dataset: ResultsDataset, frame: FrameAnalysis, settings: AnalysisSettings, high: Uint8Array | null): Record<string, unknown> {
  const neuronValue = (array: Float64Array | null, i: number) => (array ? round(array[i]!) : undefined);
  return {
    session: frame.session,
    condition: frame.condition,
    order: frame.order,
    epoch: frame.epoch,
    trials: frame.trials,
    neuronCount: frame.neuronsUsed,
    covariance: frame.covariance,
    ...(frame.choiceProbabilityTrials ? { choiceProbabilityTrials: frame.choiceProbabilityTrials } : {}),
    levels: frame.levels.map((level) => ({
      discrimination: level.label,
      signal: level.signal,
      trialsMinus: level.trialsMinus,
      trialsPlus: level.trialsPlus,
      dof: level.dof,
      fisher: roundOrNull(level.fisher),
      fisherNaive: roundOrNull(level.fisherNaive),
      fisherVariance: roundOrNull(level.fisherVariance),
      fisherShuffled: round(level.fisherShuffled),
    })),
    population: roundDeep(frame.population),
    intervals: roundDeep(frame.intervals),
    fixedSize: roundDeep(frame.fixedSize),
    decoders: frame.decoders ? { ...roundDeep(frame.decoders), method: DECODER_METHOD_TEXT } : null,
    relevance: roundDeep(frame.relevance),
    correlations: roundDeep({
      meanNoiseCorrelation: frame.population.meanNoiseCorrelation,
      meanSignalCorrelation: frame.meanSignalCorrelation,
      differentialSlope: frame.differential?.slope ?? null,
      differentialSlopeThroughOrigin: frame.differential?.slopeThroughOrigin ?? null,
      varianceAlongSignal: frame.differential?.varianceAlongSignal ?? null,
      meanVariance: frame.differential?.meanVariance ?? null,
    }),
    neurons: dataset.neurons.flatMap((neuron, i) =>
      frame.used[i] === 1
        ? [
            {
              id: neuron.id,
              fisher: round(frame.neuronFisher[i]!),
              meanResponse: round(frame.neuronMeanResponse[i]!),
              responsiveP: Number.isNaN(frame.neuronResponsiveP[i]!) ? null : round(frame.neuronResponsiveP[i]!),
              ...(high ? { relevanceGroup: high[i] === 1 ? 'high' : 'low' } : {}),
              ...(frame.neuronChoiceProbability
                ? {
                    choiceProbability: neuronValue(frame.neuronChoiceProbability, i),
                    choiceProbabilityWeighted: neuronValue(frame.neuronChoiceProbabilityWeighted, i),
                    ...(frame.neuronChoiceProbabilityP ? { choiceProbabilityP: neuronValue(frame.neuronChoiceProbabilityP, i) } : {}),
                  }
                : {}),
            },
          ]
        : [],
    ),
    pairs: strongestPairs(dataset, frame, settings.allPairs ? null : settings.topPairs),
    issues: frame.issues.map(formatIssue),
  };
}

export function resultsJson(
  dataset: ResultsDataset,
  output: ResultsRun,
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
    fixedNeurons: output.fixedNeurons,
    neurons: dataset.neurons.map((neuron, i) => ({
      id: neuron.id,
      relevance: round(output.relevance[i]!),
      relevanceGroup: output.highRelevance ? (output.highRelevance[i] === 1 ? 'high' : 'low') : null,
    })),
    frames: output.frames.map((frame) => frameJson(dataset, frame, settings, output.highRelevance)),
    summary: roundDeep(output.summary),
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

/** Rounds every number inside plain objects and arrays. */
function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return round(value) as T;
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, roundDeep(inner)])) as T;
  }
  return value;
}
