import type { RandomSource } from '../random/seededRandom';
import type { FrameData } from './frameData';
import { frameModel, type FrameModel } from './frameModel';
import { populationFisher, type PopulationEstimate } from './populationFisher';
import { centralInterval, type Interval } from './stats';
import type { AnalysisSettings } from './settings';
import type { DatasetIssue } from '../dataset/types';

/*
 * Statistics that redraw a frame: stratified bootstrap of trials, trial shuffles within stimulus values,
 * random neuron subsets — and the intervals and fixed-N measures built from them.
 */

/**
 * 95% intervals of the population measures. `bootstrap`: percentiles over stratified resamples of
 * trials. A resample repeats trials (about 63% are unique), which shrinks the effective ν of its
 * covariance; when that would bring ν near N the bias-corrected estimator of a resample breaks down
 * (its Σ̂ becomes nearly singular) and the percentile interval is meaningless, so Chorus then gives the
 * `analytic` interval ± 1.96 √Var from the estimator's own variance (Kanitscheider et al. 2015), and says so.
 */
export interface PopulationIntervals {
  readonly method: 'bootstrap' | 'analytic';
  readonly resamples: number;
  readonly reason: string | null;
  readonly fisher: Interval;
  readonly fisherShuffled: Interval;
  readonly redundancy: Interval;
}

/** Population measures at a fixed N: median and 68% interval over random N-subsets. */
export interface FixedSizeMeasures {
  readonly neurons: number;
  readonly subsets: number;
  readonly fisher: Interval;
  readonly fisherShuffled: Interval;
  readonly redundancy: Interval;
}

/** The same frame with trials resampled with replacement within each stimulus value (stratified bootstrap). */
function bootstrapFrame(frame: FrameData, groups: number[][], random: RandomSource): FrameData {
  const order: number[] = [];
  for (const group of groups) for (let k = 0; k < group.length; k++) order.push(group[Math.floor(random.uniform() * group.length)]!);
  return gatherTrials(frame, order);
}

function gatherTrials(frame: FrameData, order: readonly number[]): FrameData {
  const n = frame.neurons.length;
  const m = frame.trials;
  const values = new Float64Array(n * order.length);
  for (let k = 0; k < n; k++) for (let t = 0; t < order.length; t++) values[k * order.length + t] = frame.values[k * m + order[t]!]!;
  return { neurons: frame.neurons, trials: order.length, values, stimulus: Float64Array.from(order, (t) => frame.stimulus[t]!) };
}

/** Each neuron's trials permuted independently within each stimulus value: tuning kept, noise correlations destroyed. */
export function shuffledFrame(frame: FrameData, groups: number[][], random: RandomSource): FrameData {
  const n = frame.neurons.length;
  const m = frame.trials;
  const values = Float64Array.from(frame.values);
  for (let k = 0; k < n; k++) {
    const row = k * m;
    for (const group of groups) {
      for (let i = group.length - 1; i > 0; i--) {
        const j = Math.floor(random.uniform() * (i + 1));
        const a = row + group[i]!;
        const b = row + group[j]!;
        const swap = values[a]!;
        values[a] = values[b]!;
        values[b] = swap;
      }
    }
  }
  return { ...frame, values };
}

function randomSubset(n: number, size: number, random: RandomSource): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = 0; k < size; k++) {
    const j = k + Math.floor(random.uniform() * (n - k));
    const swap = pool[k]!;
    pool[k] = pool[j]!;
    pool[j] = swap;
  }
  return pool.slice(0, size).sort();
}

/** Unique trials in a bootstrap resample of T trials: T (1 − (1 − 1/T)^T) ≈ 0.632 T. */
function expectedUniqueTrials(trials: number): number {
  return trials * (1 - (1 - 1 / trials) ** trials);
}

export function populationIntervals(
  model: FrameModel,
  population: PopulationEstimate,
  groups: number[][],
  settings: AnalysisSettings,
  random: RandomSource,
): PopulationIntervals {
  const n = model.frame.neurons.length;
  const dofs = model.levels.map((level) =>
    model.source === 'zero-signal'
      ? expectedUniqueTrials(model.zeroTrials.length) - 1
      : expectedUniqueTrials(level.discrimination.lowTrials.length) + expectedUniqueTrials(level.discrimination.highTrials.length) - 2,
  );
  const uniqueDof = Math.max(...dofs);
  // Resampled ν must stay well above N + 3 for the resampled estimates to behave like the estimate.
  if (uniqueDof < 2 * (n + 3)) {
    const z = 1.959964;
    const around = (value: number, variance: number): Interval => ({ median: value, low: value - z * Math.sqrt(variance), high: value + z * Math.sqrt(variance) });
    return {
      method: 'analytic',
      resamples: 0,
      reason: `a bootstrap resample keeps about ${Math.round(uniqueDof)} degrees of freedom, too few for ${n} neurons (needs ≥ ${2 * (n + 3)}); interval from Var(I_bc)`,
      fisher: around(population.fisher, population.fisherVariance),
      fisherShuffled: around(population.fisherShuffled, population.fisherShuffledVariance),
      redundancy: around(population.redundancy, population.fisherVariance + population.fisherShuffledVariance),
    };
  }
  const fisher: number[] = [];
  const shuffled: number[] = [];
  const redundancy: number[] = [];
  for (let b = 0; b < settings.bootstrap; b++) {
    const resampled = frameModel(bootstrapFrame(model.frame, groups, random), settings, model.source);
    const estimate = populationFisher(resampled.levels, n).population;
    if (!estimate) continue;
    fisher.push(estimate.fisher);
    shuffled.push(estimate.fisherShuffled);
    redundancy.push(estimate.redundancy);
  }
  return {
    method: 'bootstrap',
    resamples: fisher.length,
    reason: null,
    fisher: centralInterval(fisher, 0.95),
    fisherShuffled: centralInterval(shuffled, 0.95),
    redundancy: centralInterval(redundancy, 0.95),
  };
}

export function fixedSizeMeasures(
  model: FrameModel,
  n: number,
  size: number | null,
  settings: AnalysisSettings,
  random: RandomSource,
  issues: DatasetIssue[],
  where: string,
): FixedSizeMeasures | null {
  if (size === null) return null;
  if (size > n) {
    issues.push({ severity: 'warning', field: where, message: `only ${n} neurons here, fewer than the fixed N = ${size}; no fixed-N estimate for this frame` });
    return null;
  }
  const draws = size === n ? 1 : Math.max(1, Math.min(1000, settings.subsets));
  const fisher: number[] = [];
  const shuffled: number[] = [];
  const redundancy: number[] = [];
  for (let s = 0; s < draws; s++) {
    const population = populationFisher(model.levels, n, size === n ? null : randomSubset(n, size, random)).population;
    if (!population) continue;
    fisher.push(population.fisher);
    shuffled.push(population.fisherShuffled);
    redundancy.push(population.redundancy);
  }
  if (fisher.length === 0) return null;
  return {
    neurons: size,
    subsets: fisher.length,
    fisher: centralInterval(fisher, 0.68),
    fisherShuffled: centralInterval(shuffled, 0.68),
    redundancy: centralInterval(redundancy, 0.68),
  };
}
