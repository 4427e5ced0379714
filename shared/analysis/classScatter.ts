import { crossProduct } from './linalg';
import type { FrameData } from './frameData';
import { groupTrialsByStimulus } from './stimulusGroups';

/**
 * Per stimulus value, the scatter matrix of the responses centred on that value's means:
 * S_c = Σ_{t∈c} (r_t − r̄_c)(r_t − r̄_c)ᵀ. Every noise statistic of a frame is a cheap combination of these:
 * pooled covariances (S_low + S_high)/ν, the zero-signal covariance S_0/(T0 − 1) and the noise
 * correlations of within-value z-scores. So one pass over the trials (N²T) serves them all — which is
 * what makes thousands of trial shuffles affordable.
 */
export interface ClassScatter {
  readonly value: number;
  readonly trials: readonly number[];
  readonly scatter: Float64Array;
}

export function classScatters(frame: FrameData): ClassScatter[] {
  const n = frame.neurons.length;
  return centredClasses(frame).map(({ value, trials, centred }) => ({ value, trials, scatter: crossProduct(centred, n, trials.length) }));
}

/**
 * Only the diagonals of the class scatters (each neuron's within-value sum of squares): O(NT) instead of
 * O(N²T), for measures that read single neurons alone (task relevance). Each diagonal goes through the
 * same kernel as the full scatter, so it equals the full scatter's diagonal bit for bit.
 */
export function classScatterDiagonals(frame: FrameData): { value: number; trials: readonly number[]; diagonal: Float64Array }[] {
  const n = frame.neurons.length;
  return centredClasses(frame).map(({ value, trials, centred }) => {
    const T = trials.length;
    const diagonal = new Float64Array(n);
    for (let k = 0; k < n; k++) diagonal[k] = crossProduct(centred.subarray(k * T, (k + 1) * T), 1, T)[0]!;
    return { value, trials, diagonal };
  });
}

/** One stimulus value's responses centred on their means: neuron k's trials at [k·T, (k+1)·T). */
export interface CentredClass {
  readonly value: number;
  readonly trials: readonly number[];
  readonly centred: Float64Array;
}

/** Every stimulus value's responses centred on that value's means, one block per value (values in groupTrialsByStimulus order). */
export function centredClasses(frame: FrameData): CentredClass[] {
  const n = frame.neurons.length;
  const m = frame.trials;
  return [...groupTrialsByStimulus(frame.stimulus).entries()].map(([value, trials]) => {
    const T = trials.length;
    const index = Int32Array.from(trials);
    const values = frame.values;
    const centred = new Float64Array(n * T);
    // Gather each neuron's trials once, then centre in place (the same sums in the same order as before).
    for (let k = 0; k < n; k++) {
      const from = k * m;
      const to = k * T;
      let sum = 0;
      for (let c = 0; c < T; c++) sum += centred[to + c] = values[from + index[c]!]!;
      const mean = sum / T;
      for (let c = 0; c < T; c++) centred[to + c]! -= mean;
    }
    return { value, trials, centred };
  });
}

/** Σ of the scatters of the given values, divided by dof. */
export function pooledCovariance(scatters: readonly ClassScatter[], values: readonly number[], n: number, dof: number): Float64Array {
  const out = new Float64Array(n * n);
  for (const value of values) {
    const scatter = scatters.find((s) => s.value === value)!.scatter;
    for (let k = 0; k < out.length; k++) out[k]! += scatter[k]!;
  }
  for (let k = 0; k < out.length; k++) out[k]! /= dof;
  return out;
}
