import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { extractFrame, neuronMoments, type FrameData } from './frameData';
import { crossProduct, inverseQuadraticForm } from './linalg';
import { noiseCorrelations, fisherZMean } from './correlation';
import { discriminationLevels, type DiscriminationLevel } from './stimulusGroups';
import {
  fisherBiasCorrected,
  fisherIsEstimable,
  fisherVariance,
  inverseVarianceCombine,
  samplingOf,
  trialsNeededFor,
  type FisherSampling,
} from './fisher';
import { pairInformation, populationRedundancy } from './redundancy';
import { pairCount, pairIndex } from './pairIndex';
import type { AnalysisSettings } from './settings';

export interface LevelResult {
  readonly signal: number;
  readonly trialsMinus: number;
  readonly trialsPlus: number;
  readonly dof: number;
  /** null when ν ≤ N + 3 at this level (the population estimate is then left to the other levels). */
  readonly fisher: number | null;
  readonly fisherNaive: number | null;
  readonly fisherVariance: number | null;
  readonly fisherShuffled: number;
  readonly fisherShuffledVariance: number;
}

export interface PopulationMeasures {
  readonly fisher: number;
  readonly fisherNaive: number;
  readonly fisherVariance: number;
  readonly fisherShuffled: number;
  readonly fisherShuffledVariance: number;
  readonly redundancy: number;
  readonly redundancyPercent: number | null;
  readonly meanNoiseCorrelation: number | null;
}

/** Everything computed for one (session, epoch). Arrays span all dataset neurons; `used` masks them. */
export interface FrameAnalysis {
  readonly sessionIndex: number;
  readonly epochIndex: number;
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  readonly epoch: string;
  readonly trials: number;
  readonly neuronsUsed: number;
  readonly used: Uint8Array;
  readonly levels: readonly LevelResult[];
  readonly population: PopulationMeasures;
  /** Bias-corrected single-neuron information, inverse-variance combined over levels. */
  readonly neuronFisher: Float64Array;
  readonly neuronMeanResponse: Float64Array;
  /** Upper-triangle pair arrays (see pairIndex); 0 where a neuron is not used. */
  readonly pairNoiseCorrelation: Float32Array;
  readonly pairRedundancy: Float32Array;
  readonly issues: readonly DatasetIssue[];
}

/** Where a frame is, in words: `session "day01-task", epoch "stimulus"`. */
export function frameLabel(dataset: Dataset, sessionIndex: number, epochIndex: number): string {
  const session = dataset.sessions[sessionIndex]!;
  return `session "${session.id}", epoch "${session.epochs[epochIndex]!.name}"`;
}

/** Neurons tracked in the session whose response varies in this epoch; the rest are reported. */
export function usableNeurons(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
): { neurons: Int32Array; issues: DatasetIssue[] } {
  const session = dataset.sessions[sessionIndex]!;
  const present = Int32Array.from(dataset.neurons.keys()).filter((i) => session.present[i] === 1);
  const { variance } = neuronMoments(extractFrame(dataset, sessionIndex, epochIndex, present));
  const constant = [...present].filter((_, k) => !(variance[k]! > 0));
  const issues: DatasetIssue[] = constant.map((i) => ({
    severity: 'warning',
    field: frameLabel(dataset, sessionIndex, epochIndex),
    message: `neuron "${dataset.neurons[i]!.id}" has the same response on every trial (zero variance); left out of this frame`,
  }));
  return { neurons: present.filter((_, k) => variance[k]! > 0), issues };
}

/** Why a frame's population information cannot be estimated, or null when it can. */
export function populationRefusal(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
  neurons: number = usableNeurons(dataset, sessionIndex, epochIndex).neurons.length,
): string | null {
  const session = dataset.sessions[sessionIndex]!;
  const where = frameLabel(dataset, sessionIndex, epochIndex);
  if (neurons === 0) return `${where}: no neuron varies; nothing to analyse`;
  const levels = discriminationLevels(session.stimulus, settings.maxAbsStimulus);
  const needed = trialsNeededFor(neurons);
  if (levels.length === 0) {
    return `${where}: ${session.trialCount} trials but no ±c stimulus pair with 2 or more trials on each side; the discrimination needs trials at both −c and +c`;
  }
  const most = Math.max(...levels.map((l) => l.minus.length + l.plus.length));
  if (fisherIsEstimable(neurons, most - 2)) return null;
  return `${where}: too few trials for ${neurons} neurons — bias-corrected Fisher information needs ν = T1+T2−2 > N+3, i.e. at least ${needed} trials at one ±c pair; the most here is ${most} (of ${session.trialCount} trials)`;
}

/**
 * Pooled within-class statistics of one ±c level: f′ = (mean₊ − mean₋)/ds and the scatter matrix of the
 * class-centred responses divided by ν = T1 + T2 − 2.
 */
function levelStatistics(frame: FrameData, level: DiscriminationLevel): { fPrime: Float64Array; covariance: Float64Array; sampling: FisherSampling } {
  const n = frame.neurons.length;
  const m = frame.trials;
  const columns = level.minus.length + level.plus.length;
  const ds = 2 * level.signal;
  const centred = new Float64Array(n * columns);
  const fPrime = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const row = k * m;
    let sumMinus = 0;
    for (const t of level.minus) sumMinus += frame.values[row + t]!;
    let sumPlus = 0;
    for (const t of level.plus) sumPlus += frame.values[row + t]!;
    const meanMinus = sumMinus / level.minus.length;
    const meanPlus = sumPlus / level.plus.length;
    fPrime[k] = (meanPlus - meanMinus) / ds;
    let c = k * columns;
    for (const t of level.minus) centred[c++] = frame.values[row + t]! - meanMinus;
    for (const t of level.plus) centred[c++] = frame.values[row + t]! - meanPlus;
  }
  const sampling = samplingOf(level.minus.length, level.plus.length, ds);
  const covariance = crossProduct(centred, n, columns);
  for (let k = 0; k < covariance.length; k++) covariance[k]! /= sampling.dof;
  return { fPrime, covariance, sampling };
}

/** Inverse-variance accumulators, one slot per item (neuron or pair). */
class WeightedSums {
  readonly weights: Float64Array;
  readonly sums: Float64Array;
  constructor(size: number) {
    this.weights = new Float64Array(size);
    this.sums = new Float64Array(size);
  }
  add(slot: number, value: number, variance: number): void {
    const weight = 1 / variance;
    this.weights[slot]! += weight;
    this.sums[slot]! += weight * value;
  }
  mean(slot: number): number {
    const weight = this.weights[slot]!;
    return weight > 0 ? this.sums[slot]! / weight : 0;
  }
}

export function analyzeFrame(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
): FrameAnalysis {
  const session = dataset.sessions[sessionIndex]!;
  const totalNeurons = dataset.neurons.length;
  const { neurons, issues } = usableNeurons(dataset, sessionIndex, epochIndex);
  const n = neurons.length;
  const refusal = populationRefusal(dataset, sessionIndex, epochIndex, settings, n);
  if (refusal !== null) throw new DatasetError([{ severity: 'error', field: '', message: refusal }]);

  const frame = extractFrame(dataset, sessionIndex, epochIndex, neurons);
  const levels = discriminationLevels(session.stimulus, settings.maxAbsStimulus);

  const singles = new WeightedSums(n);
  const pairsJoint = new WeightedSums(pairCount(n));
  const pairsShuffled = new WeightedSums(pairCount(n));
  const levelResults: LevelResult[] = [];
  const d = new Float64Array(n);
  const single = new Float64Array(n);
  const singleVariance = new Float64Array(n);

  for (const level of levels) {
    const { fPrime, covariance, sampling } = levelStatistics(frame, level);
    const { dof } = sampling;
    let shuffled = 0;
    let shuffledVariance = 0;
    for (let k = 0; k < n; k++) {
      const sd = Math.sqrt(covariance[k * n + k]!);
      d[k] = sd > 0 ? fPrime[k]! / sd : 0;
      single[k] = fisherBiasCorrected(d[k]! * d[k]!, 1, sampling);
      singleVariance[k] = fisherVariance(single[k]!, 1, sampling);
      shuffled += single[k]!;
      shuffledVariance += singleVariance[k]!;
      if (dof > 4) singles.add(k, single[k]!, singleVariance[k]!);
    }
    // Pairs use the N = 2 correction; ν > 5 keeps their variance finite.
    if (dof > 5) {
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const rho = covariance[i * n + j]! / Math.sqrt(covariance[i * n + i]! * covariance[j * n + j]!);
          const joint = fisherBiasCorrected(pairInformation(d[i]!, d[j]!, rho), 2, sampling);
          const slot = pairIndex(i, j, n);
          pairsJoint.add(slot, joint, fisherVariance(joint, 2, sampling));
          pairsShuffled.add(slot, single[i]! + single[j]!, singleVariance[i]! + singleVariance[j]!);
        }
      }
    }
    const estimable = fisherIsEstimable(n, dof);
    const naive = estimable ? inverseQuadraticForm(covariance, n, fPrime) : null;
    const fisher = naive === null ? null : fisherBiasCorrected(naive, n, sampling);
    levelResults.push({
      signal: level.signal,
      trialsMinus: level.minus.length,
      trialsPlus: level.plus.length,
      dof,
      fisher,
      fisherNaive: naive,
      fisherVariance: fisher === null ? null : fisherVariance(fisher, n, sampling),
      fisherShuffled: shuffled,
      fisherShuffledVariance: shuffledVariance,
    });
    if (estimable && naive === null) {
      issues.push({
        severity: 'warning',
        field: frameLabel(dataset, sessionIndex, epochIndex),
        message: `noise covariance at ±${level.signal} is singular (perfectly dependent neurons?); level left out`,
      });
    }
  }

  const population = combinePopulation(levelResults);
  if (population === null) {
    throw new DatasetError([
      { severity: 'error', field: frameLabel(dataset, sessionIndex, epochIndex), message: 'no level gave a usable noise covariance' },
    ]);
  }

  const correlation = noiseCorrelations(frame);
  for (const { neuron, stimulus } of correlation.constantIn) {
    issues.push({
      severity: 'warning',
      field: frameLabel(dataset, sessionIndex, epochIndex),
      message: `neuron "${dataset.neurons[neurons[neuron]!]!.id}" does not vary on trials with stimulus ${stimulus}; its noise correlations leave those trials out`,
    });
  }
  const { mean } = neuronMoments(frame);
  const used = new Uint8Array(totalNeurons);
  const neuronFisher = new Float64Array(totalNeurons);
  const neuronMeanResponse = new Float64Array(totalNeurons);
  const pairNoiseCorrelation = new Float32Array(pairCount(totalNeurons));
  const pairRedundancy = new Float32Array(pairCount(totalNeurons));
  const localCorrelations = new Float64Array(pairCount(n));
  for (let i = 0; i < n; i++) {
    const a = neurons[i]!;
    used[a] = 1;
    neuronFisher[a] = singles.mean(i);
    neuronMeanResponse[a] = mean[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = neurons[j]!;
      const slot = pairIndex(i, j, n);
      const globalSlot = pairIndex(a, b, totalNeurons);
      const r = correlation.matrix[i * n + j]!;
      localCorrelations[slot] = r;
      pairNoiseCorrelation[globalSlot] = r;
      pairRedundancy[globalSlot] = pairsShuffled.mean(slot) - pairsJoint.mean(slot);
    }
  }

  return {
    sessionIndex,
    epochIndex,
    session: session.id,
    condition: session.condition,
    order: session.order,
    epoch: session.epochs[epochIndex]!.name,
    trials: session.trialCount,
    neuronsUsed: n,
    used,
    levels: levelResults,
    population: { ...population, meanNoiseCorrelation: n > 1 ? fisherZMean(localCorrelations) : null },
    neuronFisher,
    neuronMeanResponse,
    pairNoiseCorrelation,
    pairRedundancy,
    issues,
  };
}

/** Inverse-variance combination over levels, separately for I and I_shuffle, then the redundancy. */
function combinePopulation(levels: readonly LevelResult[]): Omit<PopulationMeasures, 'meanNoiseCorrelation'> | null {
  const usable = levels.filter((l) => l.fisher !== null);
  if (usable.length === 0) return null;
  const joint = inverseVarianceCombine(
    usable.map((l) => l.fisher!),
    usable.map((l) => l.fisherVariance!),
  );
  const naive = inverseVarianceCombine(
    usable.map((l) => l.fisherNaive!),
    usable.map((l) => l.fisherVariance!),
  );
  const shuffled = inverseVarianceCombine(
    usable.map((l) => l.fisherShuffled),
    usable.map((l) => l.fisherShuffledVariance),
  );
  return {
    fisher: joint.value,
    fisherNaive: naive.value,
    fisherVariance: joint.variance,
    fisherShuffled: shuffled.value,
    fisherShuffledVariance: shuffled.variance,
    ...populationRedundancy(joint.value, shuffled.value),
  };
}
