import { crossProduct } from './linalg';
import { classScatters, type ClassScatter } from './classScatter';
import type { FrameData } from './frameData';
import { groupTrialsByStimulus } from './stimulusGroups';

export interface NoiseCorrelationResult {
  /** n×n Pearson correlations of the within-condition z-scores (diagonal 1). */
  readonly matrix: Float64Array;
  /** (neuron position, stimulus value) where the neuron's response did not vary: z set to 0 there. */
  readonly constantIn: { neuron: number; stimulus: number }[];
}

/**
 * Noise correlation (SCIENCE.md "Correlations"): z-score each neuron within each stimulus condition
 * (ddof = 1), concatenate the conditions, take Pearson r. Conditions with one trial carry no noise
 * information and are skipped. Where a neuron is constant within a condition its z-scores are
 * undefined; we set them to 0 (that condition then contributes nothing to its pairs) and report it.
 * Computed from the per-condition scatters: Σ_t z_i z_j = Σ_c S_c,ij / (sd_i,c sd_j,c).
 */
export function noiseCorrelations(frame: FrameData, scatters: readonly ClassScatter[] = classScatters(frame)): NoiseCorrelationResult {
  const n = frame.neurons.length;
  const matrix = new Float64Array(n * n);
  const constantIn: { neuron: number; stimulus: number }[] = [];
  const inverseSd = new Float64Array(n);
  for (const { value, trials, scatter } of scatters) {
    if (trials.length < 2) continue;
    for (let k = 0; k < n; k++) {
      const variance = scatter[k * n + k]! / (trials.length - 1);
      inverseSd[k] = variance > 0 ? 1 / Math.sqrt(variance) : 0;
      if (!(variance > 0)) constantIn.push({ neuron: k, stimulus: value });
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = i; j < n; j++) matrix[row + j]! += scatter[row + j]! * inverseSd[i]! * inverseSd[j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const denominator = Math.sqrt(matrix[i * n + i]! * matrix[j * n + j]!);
      const r = denominator > 0 ? matrix[i * n + j]! / denominator : 0;
      matrix[i * n + j] = r;
      matrix[j * n + i] = r;
    }
  }
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  return { matrix, constantIn };
}

/** Mean of correlations through Fisher's z (atanh), as is usual for averaging r across pairs. */
export function fisherZMean(correlations: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < correlations.length; k++) {
    const r = Math.max(-0.999999, Math.min(0.999999, correlations[k]!));
    sum += Math.atanh(r);
    count++;
  }
  return count === 0 ? 0 : Math.tanh(sum / count);
}

/**
 * Signal correlation: Pearson r of two neurons' mean responses across stimulus values (needs ≥ 3
 * values, else null). A neuron whose means do not vary gets r = 0 with every partner.
 */
export function signalCorrelations(frame: FrameData): Float64Array | null {
  const groups = [...groupTrialsByStimulus(frame.stimulus).values()];
  if (groups.length < 3) return null;
  const n = frame.neurons.length;
  const m = frame.trials;
  const v = groups.length;
  const centred = new Float64Array(n * v);
  for (let k = 0; k < n; k++) {
    let sum = 0;
    groups.forEach((trials, g) => {
      let s = 0;
      for (const t of trials) s += frame.values[k * m + t]!;
      centred[k * v + g] = s / trials.length;
      sum += s / trials.length;
    });
    for (let g = 0; g < v; g++) centred[k * v + g]! -= sum / v;
  }
  return normalisedCrossProduct(centred, n, v);
}

function normalisedCrossProduct(x: Float64Array, n: number, m: number): Float64Array {
  const matrix = crossProduct(x, n, m);
  const norms = Float64Array.from({ length: n }, (_, i) => Math.sqrt(matrix[i * n + i]!));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const denominator = norms[i]! * norms[j]!;
      matrix[i * n + j] = denominator > 0 ? matrix[i * n + j]! / denominator : i === j ? 1 : 0;
    }
  }
  return matrix;
}

export interface DifferentialCorrelationSummary {
  /** Least-squares slope β of Σ_ij on f′_i f′_j over pairs i < j (Moreno-Bote et al. 2014: Σ = Σ0 + ε f′f′ᵀ). */
  readonly slope: number;
  /**
   * The same slope through the origin, Σ x y / Σ x² (SCIENCE.md): an estimate of ε itself when Σ0's
   * off-diagonal terms average out over pairs; the intercept of `slope` absorbs their mean instead.
   */
  readonly slopeThroughOrigin: number;
  /** f′ᵀΣf′ / |f′|²: noise variance along the signal direction. */
  readonly varianceAlongSignal: number;
  /** trace(Σ)/N: the mean noise variance, for comparison. */
  readonly meanVariance: number;
}

/**
 * Differential-correlation summaries with f′ the per-neuron least-squares slope of response on stimulus
 * (all trials) and Σ the noise covariance pooled within every stimulus value (ν = T − #values).
 */
export function differentialCorrelationSummary(frame: FrameData): DifferentialCorrelationSummary | null {
  const groups = [...groupTrialsByStimulus(frame.stimulus).values()].filter((g) => g.length >= 2);
  const n = frame.neurons.length;
  const m = frame.trials;
  const used = groups.flat();
  const dof = used.length - groups.length;
  if (dof < 2 || n < 2) return null;
  let stimulusMean = 0;
  for (const t of used) stimulusMean += frame.stimulus[t]!;
  stimulusMean /= used.length;
  let stimulusSquares = 0;
  for (const t of used) stimulusSquares += (frame.stimulus[t]! - stimulusMean) ** 2;
  if (!(stimulusSquares > 0)) return null;
  const slope = new Float64Array(n);
  const centred = new Float64Array(n * used.length);
  for (let k = 0; k < n; k++) {
    const row = k * m;
    let covariance = 0;
    for (const t of used) covariance += (frame.stimulus[t]! - stimulusMean) * frame.values[row + t]!;
    slope[k] = covariance / stimulusSquares;
    let c = k * used.length;
    for (const group of groups) {
      let sum = 0;
      for (const t of group) sum += frame.values[row + t]!;
      const mu = sum / group.length;
      for (const t of group) centred[c++] = frame.values[row + t]! - mu;
    }
  }
  const sigma = crossProduct(centred, n, used.length);
  for (let k = 0; k < sigma.length; k++) sigma[k]! /= dof;
  // OLS of y = Σ_ij on x = f′_i f′_j.
  let sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = slope[i]! * slope[j]!;
      const y = sigma[i * n + j]!;
      sx += x; sy += y; sxx += x * x; sxy += x * y; count++;
    }
  }
  const varianceX = sxx - (sx * sx) / count;
  let along = 0;
  let norm = 0;
  let trace = 0;
  for (let i = 0; i < n; i++) {
    trace += sigma[i * n + i]!;
    norm += slope[i]! ** 2;
    for (let j = 0; j < n; j++) along += slope[i]! * sigma[i * n + j]! * slope[j]!;
  }
  return {
    slope: varianceX > 0 ? (sxy - (sx * sy) / count) / varianceX : 0,
    slopeThroughOrigin: sxx > 0 ? sxy / sxx : 0,
    varianceAlongSignal: norm > 0 ? along / norm : 0,
    meanVariance: trace / n,
  };
}
