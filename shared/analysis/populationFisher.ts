import { inverseQuadraticForm } from './linalg';
import { fisherBiasCorrected, fisherIsEstimable, fisherVariance, inverseVarianceCombine, type FisherSampling } from './fisher';
import { populationRedundancy } from './redundancy';
import type { LevelStatistics } from './levelStatistics';

export interface LevelResult {
  readonly label: string;
  readonly signal: number;
  readonly trialsMinus: number;
  readonly trialsPlus: number;
  readonly dof: number;
  /** null when ν ≤ N + 3 at this level (the population estimate is then left to the other levels). */
  readonly fisher: number | null;
  readonly fisherNaive: number | null;
  readonly fisherVariance: number | null;
  readonly fisherShuffled: number;
  readonly fisherShuffledVariance: number;
}

export interface PopulationEstimate {
  readonly fisher: number;
  readonly fisherNaive: number;
  readonly fisherVariance: number;
  readonly fisherShuffled: number;
  readonly fisherShuffledVariance: number;
  readonly redundancy: number;
  readonly redundancyPercent: number | null;
}

/** Single-neuron I_i = f′_i²/σ_i², corrected as I_i (ν−2)/ν − g, and its variance (N = 1). */
export function singleNeuronInformation(level: LevelStatistics, position: number, n: number): { fisher: number; variance: number } {
  return neuronFisher(level.fPrime[position]!, level.covariance[position * n + position]!, level.sampling);
}

/** The same from a neuron's f′ and noise variance alone (no covariance matrix needed). */
export function neuronFisher(fPrime: number, noiseVariance: number, sampling: FisherSampling): { fisher: number; variance: number } {
  const naive = noiseVariance > 0 ? fPrime ** 2 / noiseVariance : 0;
  const fisher = fisherBiasCorrected(naive, 1, sampling);
  return { fisher, variance: fisherVariance(fisher, 1, sampling) };
}

/** Picks the rows/columns `subset` of an n×n matrix. */
function submatrix(matrix: Float64Array, n: number, subset: Int32Array): Float64Array {
  const k = subset.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = matrix[subset[a]! * n + subset[b]!]!;
  return out;
}

/**
 * Bias-corrected population information of the neurons `subset` (positions; null = all), per level and
 * inverse-variance combined, separately for I and I_shuffle (Σ_i I_i), then the redundancy.
 * Returns null for `population` when no level has ν > N + 3 or every covariance is singular.
 */
export function populationFisher(
  levels: readonly LevelStatistics[],
  n: number,
  subset: Int32Array | null = null,
): { levels: LevelResult[]; population: PopulationEstimate | null } {
  const size = subset ? subset.length : n;
  const results = levels.map((level): LevelResult => {
    const positions = subset ?? Int32Array.from({ length: n }, (_, k) => k);
    let shuffled = 0;
    let shuffledVariance = 0;
    for (const position of positions) {
      const single = singleNeuronInformation(level, position, n);
      shuffled += single.fisher;
      shuffledVariance += single.variance;
    }
    const covariance = subset ? submatrix(level.covariance, n, subset) : level.covariance;
    const fPrime = subset ? Float64Array.from(subset, (p) => level.fPrime[p]!) : level.fPrime;
    const naive = fisherIsEstimable(size, level.sampling.dof) ? inverseQuadraticForm(covariance, size, fPrime) : null;
    const fisher = naive === null ? null : fisherBiasCorrected(naive, size, level.sampling);
    return {
      label: level.discrimination.label,
      signal: level.discrimination.ds / 2,
      trialsMinus: level.discrimination.lowTrials.length,
      trialsPlus: level.discrimination.highTrials.length,
      dof: level.sampling.dof,
      fisher,
      fisherNaive: naive,
      fisherVariance: fisher === null ? null : fisherVariance(fisher, size, level.sampling),
      fisherShuffled: shuffled,
      fisherShuffledVariance: shuffledVariance,
    };
  });
  return { levels: results, population: combineLevels(results) };
}

/** I_shuffle's variance sums the neurons' variances, treating their estimates as independent (weights only). */
function combineLevels(levels: readonly LevelResult[]): PopulationEstimate | null {
  const usable = levels.filter((l) => l.fisher !== null);
  if (usable.length === 0) return null;
  const variances = usable.map((l) => l.fisherVariance!);
  const joint = inverseVarianceCombine(usable.map((l) => l.fisher!), variances);
  const naive = inverseVarianceCombine(usable.map((l) => l.fisherNaive!), variances);
  const shuffled = inverseVarianceCombine(
    usable.map((l) => l.fisherShuffled),
    usable.map((l) => l.fisherShuffledVariance),
  );
  return {
    fisher: joint.value,
    fisherNaive: naive.value,
    fisherVariance: joint.variance,
    fisherShuffled: shuffled.value,
    fisherShuffledVariance: shuffled.variance,
    ...populationRedundancy(joint.value, shuffled.value),
  };
}
