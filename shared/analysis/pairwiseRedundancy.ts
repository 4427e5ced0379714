import { fisherBiasCorrected, fisherVariance, type FisherSampling } from './fisher';
import { pairInformation } from './redundancy';
import { pairCount, pairIndex } from './pairIndex';
import { neuronFisher, singleNeuronInformation } from './populationFisher';
import type { LevelMoments, LevelStatistics } from './levelStatistics';

export interface LevelNoiseVariances extends LevelMoments {
  readonly noiseVariance: Float64Array;
}

/**
 * The levels' estimates of one item (a neuron, a pair) combined with weights that do not depend on a
 * level's own estimate: 1/Var at the design alone (I = 0), then 1/Var at that first combination — two
 * steps of the population's fixed point (combineLevelEstimates), cheap enough for every pair. The
 * normalized weights are left in `weights`, for values that go with the estimates (a pair's I_i + I_j).
 */
function combineTwoSteps(values: Float64Array, designs: readonly { sampling: FisherSampling }[], neurons: number, weights: Float64Array): number {
  const L = designs.length;
  let value = 0;
  for (let step = 0; step < 2; step++) {
    let total = 0;
    for (let l = 0; l < L; l++) total += weights[l] = 1 / fisherVariance(value, neurons, designs[l]!.sampling);
    value = 0;
    for (let l = 0; l < L; l++) {
      weights[l] = weights[l]! / total;
      value += weights[l]! * values[l]!;
    }
  }
  return value;
}

/** Single-neuron information per position, combined over levels with ν > 4 (combineTwoSteps). */
export function neuronInformation(levels: readonly LevelStatistics[], n: number): Float64Array {
  return combinedNeuronInformation(
    levels.map((level) => ({ ...level, noiseVariance: Float64Array.from({ length: n }, (_, k) => level.covariance[k * n + k]!) })),
    n,
  );
}

/** The same from each level's f′ and per-neuron noise variances (the diagonal of Σ̂ is all it reads). */
export function combinedNeuronInformation(levels: readonly LevelNoiseVariances[], n: number): Float64Array {
  const usable = levels.filter((level) => level.sampling.dof > 4);
  const values = new Float64Array(usable.length);
  const weights = new Float64Array(usable.length);
  return Float64Array.from({ length: n }, (_, k) => {
    if (usable.length === 0) return 0;
    usable.forEach((level, l) => (values[l] = neuronFisher(level.fPrime[k]!, level.noiseVariance[k]!, level.sampling).fisher));
    return combineTwoSteps(values, usable, 1, weights);
  });
}

/**
 * Bias-corrected pairwise redundancy R_ij = I_i + I_j − I_ij for every pair (upper triangle over the n
 * positions): per level with the N = 2 correction (ν > 5), then, as for the population, the joint and the
 * shuffled (I_i + I_j) information are combined over levels with the same weights before subtracting.
 */
export function pairwiseRedundancy(levels: readonly LevelStatistics[], n: number): Float64Array {
  const usable = levels.filter((level) => level.sampling.dof > 5);
  const L = usable.length;
  const d = usable.map(({ covariance, fPrime }) => Float64Array.from({ length: n }, (_, k) => (covariance[k * n + k]! > 0 ? fPrime[k]! / Math.sqrt(covariance[k * n + k]!) : 0)));
  const single = usable.map((level) => Float64Array.from({ length: n }, (_, k) => singleNeuronInformation(level, k, n).fisher));
  const redundancy = new Float64Array(pairCount(n));
  const joint = new Float64Array(L);
  const weights = new Float64Array(L);
  // Pair by pair, every level at once: the levels' estimates of a pair are combined without being stored.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let l = 0; l < L; l++) {
        const { covariance, sampling } = usable[l]!;
        const rho = covariance[i * n + j]! / Math.sqrt(covariance[i * n + i]! * covariance[j * n + j]!);
        joint[l] = fisherBiasCorrected(pairInformation(d[l]![i]!, d[l]![j]!, rho), 2, sampling);
      }
      combineTwoSteps(joint, usable, 2, weights);
      let value = 0;
      for (let l = 0; l < L; l++) value += weights[l]! * (single[l]![i]! + single[l]![j]! - joint[l]!);
      redundancy[pairIndex(i, j, n)] = L > 0 ? value : 0;
    }
  }
  return redundancy;
}
