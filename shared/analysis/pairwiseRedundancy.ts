import { fisherBiasCorrected, fisherVariance } from './fisher';
import { pairInformation } from './redundancy';
import { pairCount, pairIndex } from './pairIndex';
import { neuronFisher, singleNeuronInformation } from './populationFisher';
import type { LevelMoments, LevelStatistics } from './levelStatistics';

export interface LevelNoiseVariances extends LevelMoments {
  readonly noiseVariance: Float64Array;
}

/** Inverse-variance weighted means, one slot per item (neuron or pair). */
class WeightedMeans {
  private readonly weights: Float64Array;
  private readonly sums: Float64Array;
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

/** Single-neuron information per position, inverse-variance combined over levels with ν > 4. */
export function neuronInformation(levels: readonly LevelStatistics[], n: number): Float64Array {
  return combinedNeuronInformation(
    levels.map((level) => ({ ...level, noiseVariance: Float64Array.from({ length: n }, (_, k) => level.covariance[k * n + k]!) })),
    n,
  );
}

/** The same from each level's f′ and per-neuron noise variances (the diagonal of Σ̂ is all it reads). */
export function combinedNeuronInformation(levels: readonly LevelNoiseVariances[], n: number): Float64Array {
  const means = new WeightedMeans(n);
  for (const level of levels) {
    if (level.sampling.dof <= 4) continue;
    for (let k = 0; k < n; k++) {
      const single = neuronFisher(level.fPrime[k]!, level.noiseVariance[k]!, level.sampling);
      means.add(k, single.fisher, single.variance);
    }
  }
  return Float64Array.from({ length: n }, (_, k) => means.mean(k));
}

/**
 * Bias-corrected pairwise redundancy R_ij = I_i + I_j − I_ij for every pair (upper triangle over the n
 * positions): per level with the N = 2 correction (ν > 5), then, as for the population, the joint and the
 * shuffled (I_i + I_j) information are inverse-variance combined separately before subtracting.
 */
export function pairwiseRedundancy(levels: readonly LevelStatistics[], n: number): Float64Array {
  const joint = new WeightedMeans(pairCount(n));
  const shuffled = new WeightedMeans(pairCount(n));
  const d = new Float64Array(n);
  const single = new Float64Array(n);
  const singleVariance = new Float64Array(n);
  for (const level of levels) {
    const { covariance, fPrime, sampling } = level;
    if (sampling.dof <= 5) continue;
    for (let k = 0; k < n; k++) {
      const sd = Math.sqrt(covariance[k * n + k]!);
      d[k] = sd > 0 ? fPrime[k]! / sd : 0;
      const info = singleNeuronInformation(level, k, n);
      single[k] = info.fisher;
      singleVariance[k] = info.variance;
    }
    for (let i = 0; i < n; i++) {
      const rowI = i * n;
      for (let j = i + 1; j < n; j++) {
        const rho = covariance[rowI + j]! / Math.sqrt(covariance[rowI + i]! * covariance[j * n + j]!);
        const pair = fisherBiasCorrected(pairInformation(d[i]!, d[j]!, rho), 2, sampling);
        const slot = pairIndex(i, j, n);
        joint.add(slot, pair, fisherVariance(pair, 2, sampling));
        shuffled.add(slot, single[i]! + single[j]!, singleVariance[i]! + singleVariance[j]!);
      }
    }
  }
  return Float64Array.from({ length: pairCount(n) }, (_, slot) => shuffled.mean(slot) - joint.mean(slot));
}
