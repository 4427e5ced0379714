import type { RandomSource } from '../random/seededRandom';
import type { FrameModel } from './frameModel';
import { fisherDraws, fisherInterval } from './fisherSampling';
import type { PopulationDetail, PopulationEstimate } from './populationFisher';
import { quadraticForm, shuffledCovariances } from './shuffledCovariance';

/** A 95% confidence interval around a point estimate, which it always contains. */
export interface ConfidenceInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * 95% intervals of the population measures (README, "Statistics", which compares the candidates):
 * - I: the estimator's exact law under Gaussian noise inverted (fisherSampling.ts), from `draws` Monte
 *   Carlo draws of it — it covers the truth where percentiles of bootstrap resamples did not;
 * - I_shuffle: ± 1.96 √Var, the variance summing every pair of neurons' covariance (shuffledCovariance.ts);
 * - I_red = I_shuffle − I: the two combined by MOVER (Zou & Donner 2008), which keeps I's skew and their
 *   correlation (from unbiased estimates of Cov(I, I_sh) and Var(I_sh): shuffledCovariance.ts).
 */
export interface PopulationIntervals {
  readonly method: 'exact-gaussian';
  readonly draws: number;
  readonly fisher: ConfidenceInterval;
  readonly fisherShuffled: ConfidenceInterval;
  readonly redundancy: ConfidenceInterval;
}

/** The standard normal's 97.5% quantile: a 95% interval is ± Z standard errors. */
export const Z_95 = 1.959964;

/** The methods, in words, for the app and the results file. */
export const INTERVAL_METHOD_TEXT =
  'I: exact Gaussian sampling law of I_bc inverted; I_shuffle: delta-method variance over all neuron pairs; I_red: MOVER of the two';

export function populationIntervals(model: FrameModel, estimate: PopulationEstimate, detail: PopulationDetail, random: RandomSource, draws: number): PopulationIntervals {
  const n = model.frame.neurons.length;
  const size = detail.positions.length;
  const levels = detail.usable.map((l) => model.levels[l]!);
  const sampling = levels.map((level) => level.sampling);
  const shared = model.source === 'zero-signal';
  const fisher = fisherInterval(
    detail.fisher,
    sampling,
    size,
    fisherDraws(sampling, size, shared, random, draws),
  );
  const perLevelShuffled = detail.singles.map((single) => single.reduce((sum, value) => sum + value, 0));
  const covariances = shuffledCovariances(levels, n, detail.positions, detail.singles, perLevelShuffled, shared);
  const shuffledVariance = Math.max(quadraticForm(detail.weights, covariances.shuffled), 0);
  const half = Z_95 * Math.sqrt(shuffledVariance);
  const fisherShuffled = { estimate: estimate.fisherShuffled, low: estimate.fisherShuffled - half, high: estimate.fisherShuffled + half };
  const cross = quadraticForm(detail.weights, covariances.cross);
  // r from one family of approximations: the analytic Var(I) that goes with the delta-method covariances.
  const unbiasedShuffledVariance = quadraticForm(detail.weights, covariances.shuffledUnbiased);
  const correlation = estimate.fisherVariance > 0 && unbiasedShuffledVariance > 0 ? Math.max(-1, Math.min(1, cross / Math.sqrt(estimate.fisherVariance * unbiasedShuffledVariance))) : 0;
  return {
    method: 'exact-gaussian',
    draws,
    fisher: { estimate: fisher.value, low: fisher.low, high: fisher.high },
    fisherShuffled,
    redundancy: differenceInterval(fisherShuffled, { estimate: fisher.value, low: fisher.low, high: fisher.high }, correlation),
  };
}

/**
 * MOVER (method of variance estimates recovery; Zou & Donner 2008, Stat Med 27:1693) for a − b from the
 * intervals of a and b and their correlation r: each side's half-width from the sides that push the
 * difference that way, so a skewed interval (I's) keeps its skew.
 */
export function differenceInterval(a: ConfidenceInterval, b: ConfidenceInterval, r: number): ConfidenceInterval {
  const estimate = a.estimate - b.estimate;
  const [aDown, aUp, bDown, bUp] = [a.estimate - a.low, a.high - a.estimate, b.estimate - b.low, b.high - b.estimate];
  const low = estimate - Math.sqrt(Math.max(aDown ** 2 + bUp ** 2 - 2 * r * aDown * bUp, 0));
  const high = estimate + Math.sqrt(Math.max(aUp ** 2 + bDown ** 2 - 2 * r * aUp * bDown, 0));
  return { estimate, low, high };
}
