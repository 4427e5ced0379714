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
  const m = frame.trials;
  const groups = [...groupTrialsByStimulus(frame.stimulus).entries()];
  const total = groups.reduce((sum, [, trials]) => sum + trials.length, 0);
  // All classes centred side by side, then one cross-product per class block of columns.
  const centred = new Float64Array(n * total);
  for (let k = 0; k < n; k++) {
    let c = k * total;
    for (const [, trials] of groups) {
      let sum = 0;
      for (const t of trials) sum += frame.values[k * m + t]!;
      const mean = sum / trials.length;
      for (const t of trials) centred[c++] = frame.values[k * m + t]! - mean;
    }
  }
  let offset = 0;
  return groups.map(([value, trials]) => {
    const block = new Float64Array(n * trials.length);
    for (let k = 0; k < n; k++) block.set(centred.subarray(k * total + offset, k * total + offset + trials.length), k * trials.length);
    offset += trials.length;
    return { value, trials, scatter: crossProduct(block, n, trials.length) };
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
