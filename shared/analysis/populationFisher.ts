import { inverseQuadraticForm } from './linalg';
import { fisherBiasCorrected, fisherIsEstimable, fisherVariance, type FisherSampling } from './fisher';
import { combineLevelEstimates, combinedFisherVariance } from './fisherSampling';
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
  /** The level's share of the combined estimates (0 for a level left out). */
  readonly weight: number;
}

export interface PopulationEstimate {
  readonly fisher: number;
  readonly fisherNaive: number;
  /** Var of the combined I_bc: each level's, plus the covariance of levels that share one Σ̂. */
  readonly fisherVariance: number;
  readonly fisherShuffled: number;
  readonly redundancy: number;
  readonly redundancyPercent: number | null;
}

/** What the intervals need besides the estimate: the neurons, each level's single-neuron estimates, the weights. */
export interface PopulationDetail {
  readonly positions: Int32Array;
  /** Per usable level (in `usable` order): the bias-corrected information of each neuron of `positions`. */
  readonly singles: Float64Array[];
  /** Indices into `levels` of the levels combined, and their I_bc. */
  readonly usable: number[];
  readonly fisher: number[];
  readonly weights: Float64Array;
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
/** The systems Σ̂ x = f′ that populationFisher solves for the whole population (its estimable levels), for a backend that solves them elsewhere. */
export function populationSystems(levels: readonly LevelStatistics[], n: number): { level: number; a: Float64Array; b: Float64Array }[] {
  return levels.flatMap((level, l) => (fisherIsEstimable(n, level.sampling.dof) ? [{ level: l, a: level.covariance, b: level.fPrime }] : []));
}

function submatrix(matrix: Float64Array, n: number, subset: Int32Array): Float64Array {
  const k = subset.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = matrix[subset[a]! * n + subset[b]!]!;
  return out;
}

/**
 * Bias-corrected population information of the neurons `subset` (positions; null = all), per level and
 * combined over levels (combineLevelEstimates: weights from the combined value, never from a level's own
 * estimate), for I and I_shuffle (Σ_i I_i) with the same weights, then the redundancy.
 * Returns null for `population` when no level has ν > N + 3 or every covariance is singular.
 * `naiveForms`, for the whole population (no subset), are the levels' f′ᵀΣ⁻¹f′ already solved elsewhere
 * (the GPU backend's quadraticForms, to f64 accuracy); without them each level is solved here.
 */
export function populationFisher(
  levels: readonly LevelStatistics[],
  n: number,
  subset: Int32Array | null = null,
  naiveForms: readonly (number | null)[] | null = null,
): { levels: LevelResult[]; population: PopulationEstimate | null; detail: PopulationDetail | null } {
  const size = subset ? subset.length : n;
  const positions = subset ?? Int32Array.from({ length: n }, (_, k) => k);
  const singles: Float64Array[] = [];
  const results = levels.map((level, l) => {
    const single = Float64Array.from(positions, (position) => singleNeuronInformation(level, position, n).fisher);
    singles.push(single);
    const covariance = subset ? submatrix(level.covariance, n, subset) : level.covariance;
    const fPrime = subset ? Float64Array.from(subset, (p) => level.fPrime[p]!) : level.fPrime;
    const naive = !fisherIsEstimable(size, level.sampling.dof) ? null : naiveForms && !subset ? naiveForms[l]! : inverseQuadraticForm(covariance, size, fPrime);
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
      fisherShuffled: single.reduce((sum, value) => sum + value, 0),
      weight: 0,
    };
  });
  const usable = results.flatMap((level, l) => (level.fisher === null ? [] : [l]));
  if (usable.length === 0) return { levels: results, population: null, detail: null };
  const sampling = usable.map((l) => levels[l]!.sampling);
  const shared = levels[0]!.source === 'zero-signal';
  // One set of weights for I, I_shuffle and the naive value, so that I_red = I_shuffle − I is itself a combination of the levels' I_red.
  const { value: fisher, weights } = combineLevelEstimates(usable.map((l) => results[l]!.fisher!), sampling, size);
  const weighted = (value: (level: (typeof results)[number]) => number) => usable.reduce((sum, l, k) => sum + weights[k]! * value(results[l]!), 0);
  const fisherShuffled = weighted((level) => level.fisherShuffled);
  const population: PopulationEstimate = {
    fisher,
    fisherNaive: weighted((level) => level.fisherNaive!),
    fisherVariance: combinedFisherVariance(fisher, weights, sampling, size, shared),
    fisherShuffled,
    ...populationRedundancy(fisher, fisherShuffled),
  };
  usable.forEach((l, k) => (results[l] = { ...results[l]!, weight: weights[k]! }));
  return { levels: results, population, detail: { positions, singles: usable.map((l) => singles[l]!), usable, fisher: usable.map((l) => results[l]!.fisher!), weights } };
}
