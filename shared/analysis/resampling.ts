import type { RandomSource } from '../random/seededRandom';
import type { FrameModel } from './frameModel';
import { populationFisher, type LevelResult, type PopulationEstimate } from './populationFisher';
import { centralInterval, type Interval } from './stats';
import { populationRedundancy } from './redundancy';
import { populationIntervals, Z_95, type ConfidenceInterval, type PopulationIntervals } from './populationIntervals';
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
  /**
   * 95% confidence intervals of the three medians (null without intervalDraws): each side the median of
   * that side over up to FIXED_SIZE_INTERVAL_SUBSETS subsets' own exact-Gaussian intervals
   * (populationIntervals.ts), combined with the Monte Carlo error of a median over the subsets drawn.
   * The median over subsets varies less than one subset's estimate, so these are conservative where few
   * trials make sampling error dominate; at N = all neurons they are the frame's own (`ownIntervals`).
   */
  readonly intervals: { readonly fisher: ConfidenceInterval; readonly fisherShuffled: ConfidenceInterval; readonly redundancy: ConfidenceInterval } | null;
}

/** Subsets whose intervals give the fixed-N intervals (each costs one interval inversion). */
export const FIXED_SIZE_INTERVAL_SUBSETS = 20;

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
  ownIntervals: PopulationIntervals | null = null,
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
  const bounds = { fisher: [[], []], fisherShuffled: [[], []], redundancy: [[], []] } as Record<'fisher' | 'fisherShuffled' | 'redundancy', [number[], number[]]>;
  for (let s = 0; s < draws; s++) {
    const { population, detail } = populationFisher(model.levels, n, size === n ? null : randomSubset(n, size, random));
    if (!population) continue;
    fisher.push(population.fisher);
    shuffled.push(population.fisherShuffled);
    redundancy.push(population.redundancy);
    if (settings.intervalDraws > 0 && s < FIXED_SIZE_INTERVAL_SUBSETS) {
      // At N = all neurons the one "subset" is the frame itself, whose intervals the caller already has.
      const intervals = size === n && ownIntervals ? ownIntervals : populationIntervals(model, population, detail!, random, Math.min(settings.intervalDraws, 1000));
      for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
        bounds[quantity][0].push(intervals[quantity].low);
        bounds[quantity][1].push(intervals[quantity].high);
      }
    }
  }
  if (fisher.length === 0) return null;
  const measures = { fisher: centralInterval(fisher, 0.68), fisherShuffled: centralInterval(shuffled, 0.68), redundancy: centralInterval(redundancy, 0.68) };
  const values = { fisher, fisherShuffled: shuffled, redundancy };
  const around = (quantity: 'fisher' | 'fisherShuffled' | 'redundancy'): ConfidenceInterval => {
    const estimate = measures[quantity].median;
    const [lows, highs] = bounds[quantity];
    // Which subsets were drawn adds its own error to the median (Var ≈ (π/2) s²/S for S draws); with
    // many trials per neuron it dominates (87% coverage without it at ν/N = 20).
    const drawn = values[quantity];
    const mean = drawn.reduce((sum, v) => sum + v, 0) / drawn.length;
    const spread = drawn.length > 1 ? drawn.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (drawn.length - 1) : 0;
    const subsetError = (Z_95 * Math.sqrt((Math.PI / 2) * spread)) / Math.sqrt(drawn.length);
    const down = estimate - Math.min(centralInterval(lows, 0).median, estimate);
    const up = Math.max(centralInterval(highs, 0).median, estimate) - estimate;
    return { estimate, low: estimate - Math.hypot(down, subsetError), high: estimate + Math.hypot(up, subsetError) };
  };
  return {
    neurons: size,
    subsets: fisher.length,
    ...measures,
    intervals: bounds.fisher[0].length > 0 ? { fisher: around('fisher'), fisherShuffled: around('fisherShuffled'), redundancy: around('redundancy') } : null,
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
