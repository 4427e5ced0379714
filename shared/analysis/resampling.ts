import type { RandomSource } from '../random/seededRandom';
import type { FrameData } from './frameData';
import type { FrameModel } from './frameModel';
import { populationFisher, type LevelResult, type PopulationEstimate } from './populationFisher';
import { centralInterval, type Interval } from './stats';
import { populationRedundancy } from './redundancy';
import type { AnalysisSettings } from './settings';
import type { DatasetIssue } from '../dataset/types';

/*
 * Statistics that redraw a frame: trial shuffles within stimulus values and random neuron subsets — and
 * the fixed-N measures built from them. (Intervals: populationIntervals.ts.)
 */

/** Population measures at a fixed N: median and 68% interval over random N-subsets. */
export interface FixedSizeMeasures {
  readonly neurons: number;
  readonly subsets: number;
  readonly fisher: Interval;
  readonly fisherShuffled: Interval;
  readonly redundancy: Interval;
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

export function randomSubset(n: number, size: number, random: RandomSource): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = 0; k < size; k++) {
    const j = k + Math.floor(random.uniform() * (n - k));
    const swap = pool[k]!;
    pool[k] = pool[j]!;
    pool[j] = swap;
  }
  return pool.slice(0, size).sort();
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

/**
 * A frame with more neurons than its trials support (FramePlan.subsetNeurons): the population measures
 * averaged over `count` random subsets of `size` neurons — each subset estimated as a population of its
 * own, the mean of unbiased estimates unbiased for the mean subset's information. Levels are reported at
 * the full N (where they cannot be estimated). fisherVariance is the subsets' mean variance, an upper
 * bound on the average's.
 */
export function subsetPopulation(
  model: FrameModel,
  n: number,
  size: number,
  count: number,
  random: RandomSource,
): { levels: LevelResult[]; population: PopulationEstimate | null } {
  const levels = populationFisher(model.levels, n).levels;
  const sums = { fisher: 0, fisherNaive: 0, fisherVariance: 0, fisherShuffled: 0 };
  let used = 0;
  for (let s = 0; s < count; s++) {
    const population = populationFisher(model.levels, n, randomSubset(n, size, random)).population;
    if (!population) continue;
    sums.fisher += population.fisher;
    sums.fisherNaive += population.fisherNaive;
    sums.fisherVariance += population.fisherVariance;
    sums.fisherShuffled += population.fisherShuffled;
    used++;
  }
  if (used === 0) return { levels, population: null };
  const [fisher, fisherShuffled] = [sums.fisher / used, sums.fisherShuffled / used];
  return {
    levels,
    population: {
      fisher,
      fisherNaive: sums.fisherNaive / used,
      fisherVariance: sums.fisherVariance / used,
      fisherShuffled,
      ...populationRedundancy(fisher, fisherShuffled),
    },
  };
}
