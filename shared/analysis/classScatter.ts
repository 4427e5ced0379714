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
  const { groups, total, centred } = centredByClass(frame);
  let offset = 0;
  return groups.map(([value, trials]) => {
    const block = new Float64Array(n * trials.length);
    for (let k = 0; k < n; k++) block.set(centred.subarray(k * total + offset, k * total + offset + trials.length), k * trials.length);
    offset += trials.length;
    return { value, trials, scatter: crossProduct(block, n, trials.length) };
  });
}

/**
 * Only the diagonals of the class scatters (each neuron's within-value sum of squares): O(NT) instead of
 * O(N²T), for measures that read single neurons alone (task relevance). Each diagonal goes through the
 * same kernel as the full scatter, so it equals the full scatter's diagonal bit for bit.
 */
export function classScatterDiagonals(frame: FrameData): { value: number; trials: readonly number[]; diagonal: Float64Array }[] {
  const n = frame.neurons.length;
  const { groups, total, centred } = centredByClass(frame);
  let offset = 0;
  return groups.map(([value, trials]) => {
    const diagonal = new Float64Array(n);
    for (let k = 0; k < n; k++) diagonal[k] = crossProduct(centred.subarray(k * total + offset, k * total + offset + trials.length), 1, trials.length)[0]!;
    offset += trials.length;
    return { value, trials, diagonal };
  });
}

/** All classes centred on their own means, side by side per neuron: [neuron][class 1 trials, class 2 trials, …]. */
function centredByClass(frame: FrameData): { groups: [number, number[]][]; total: number; centred: Float64Array } {
  const n = frame.neurons.length;
  const m = frame.trials;
  const groups = [...groupTrialsByStimulus(frame.stimulus).entries()];
  const total = groups.reduce((sum, [, trials]) => sum + trials.length, 0);
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
  return { groups, total, centred };
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
