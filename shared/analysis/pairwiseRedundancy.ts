import { fisherBiasCorrected, fisherVariance, type FisherSampling } from './fisher';
import { pairInformation } from './redundancy';
import { pairCount } from './pairIndex';
import { neuronFisher } from './populationFisher';
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
 * With `standardErrors` (pair-indexed like the result), also each pair's standard error (pairVariance).
 */
export function pairwiseRedundancy(levels: readonly LevelStatistics[], n: number, standardErrors: Float64Array | null = null): Float64Array {
  const rows = levels.map(({ covariance, fPrime, sampling, source }) => ({
    covariance,
    fPrime,
    sampling,
    source,
    variance: Float64Array.from({ length: n }, (_, k) => covariance[k * n + k]!),
  }));
  const redundancy = new Float64Array(pairCount(n));
  redundancyRows(rows, n, 0, n, redundancy, standardErrors);
  return redundancy;
}

/**
 * One level's noise covariance as a block of rows reads it: every position's variance, and Σ̂_ij for
 * r0 ≤ i < r1, i < j < n at covariance[(i − r0)·(n − r0) + (j − r0)] (a whole n×n matrix is the block r0 = 0).
 */
export interface LevelCovarianceRows extends Omit<LevelMoments, 'discrimination'> {
  readonly variance: Float64Array;
  readonly covariance: Float64Array;
}

/**
 * pairwiseRedundancy for the pairs of rows [r0, r1) only (pairIndex order, which keeps a row block's
 * pairs contiguous): into out[0…] (and standardErrors[0…] when given). Each pair reads only its own
 * entries, so a block's values equal the whole frame's.
 */
export function redundancyRows(
  levels: readonly LevelCovarianceRows[],
  n: number,
  r0: number,
  r1: number,
  out: Float64Array,
  standardErrors: Float64Array | null,
): void {
  const usable = levels.filter((level) => level.sampling.dof > 5);
  const L = usable.length;
  const width = n - r0;
  const d = usable.map(({ variance, fPrime }) => Float64Array.from({ length: n }, (_, k) => (variance[k]! > 0 ? fPrime[k]! / Math.sqrt(variance[k]!) : 0)));
  const single = usable.map((level) => Float64Array.from({ length: n }, (_, k) => neuronFisher(level.fPrime[k]!, level.variance[k]!, level.sampling).fisher));
  const joint = new Float64Array(L);
  const rhos = new Float64Array(L);
  const weights = new Float64Array(L);
  const shared = usable[0]?.source === 'zero-signal';
  if (L === 1 && !standardErrors) {
    singleLevelRows(usable[0]!, d[0]!, single[0]!, n, r0, r1, out);
    return;
  }
  if (L > 1 && !standardErrors) {
    levelsRows(usable, d, single, n, r0, r1, out);
    return;
  }
  let slot = 0;
  // Pair by pair, every level at once: the levels' estimates of a pair are combined without being stored.
  for (let i = r0; i < r1; i++) {
    const row = (i - r0) * width - r0;
    for (let j = i + 1; j < n; j++, slot++) {
      for (let l = 0; l < L; l++) {
        const { covariance, variance, sampling } = usable[l]!;
        rhos[l] = covariance[row + j]! / Math.sqrt(variance[i]! * variance[j]!);
        joint[l] = fisherBiasCorrected(pairInformation(d[l]![i]!, d[l]![j]!, rhos[l]!), 2, sampling);
      }
      combineTwoSteps(joint, usable, 2, weights);
      let value = 0;
      for (let l = 0; l < L; l++) value += weights[l]! * (single[l]![i]! + single[l]![j]! - joint[l]!);
      out[slot] = L > 0 ? value : 0;
      if (standardErrors) standardErrors[slot] = L > 0 ? Math.sqrt(pairVariance(usable, d, single, joint, rhos, weights, i, j, shared)) : Number.NaN;
    }
  }
}

/**
 * redundancyRows for one level without standard errors (a frame with one signal level, the common case):
 * the same operations in the same order — combineTwoSteps with one level is w/w (1, or NaN where the
 * variance is 0 or infinite) times the estimate, added to 0 — on arrays hoisted out of the loop, about 3×
 * faster. The pairwiseRedundancy tests check it equals the general loop bit for bit.
 */
function singleLevelRows(level: LevelCovarianceRows, d: Float64Array, single: Float64Array, n: number, r0: number, r1: number, out: Float64Array): void {
  const { covariance, variance, sampling } = level;
  const width = n - r0;
  const w0 = 1 / fisherVariance(0, 2, sampling);
  const unit0 = w0 / w0;
  let slot = 0;
  for (let i = r0; i < r1; i++) {
    const row = (i - r0) * width - r0;
    const vi = variance[i]!;
    const di = d[i]!;
    const si = single[i]!;
    for (let j = i + 1; j < n; j++, slot++) {
      const rho = covariance[row + j]! / Math.sqrt(vi * variance[j]!);
      const joint = fisherBiasCorrected(pairInformation(di, d[j]!, rho), 2, sampling);
      const w1 = 1 / fisherVariance(0 + unit0 * joint, 2, sampling);
      out[slot] = 0 + (w1 / w1) * (si + single[j]! - joint);
    }
  }
}

/**
 * redundancyRows for several levels without standard errors (the trial-shuffle null's loop): the same
 * operations in the same order as the general loop — combineTwoSteps written out — on the levels' arrays
 * and sampling constants hoisted out of the pair loop. Tested bit for bit against the general loop.
 */
function levelsRows(usable: readonly LevelCovarianceRows[], d: readonly Float64Array[], single: readonly Float64Array[], n: number, r0: number, r1: number, out: Float64Array): void {
  const L = usable.length;
  const width = n - r0;
  const covariances = usable.map((level) => level.covariance);
  const variances = usable.map((level) => level.variance);
  const samplings = usable.map((level) => level.sampling);
  // Step 1 of combineTwoSteps weighs the levels at I = 0: the same for every pair.
  const firstWeights = new Float64Array(L);
  let firstTotal = 0;
  for (let l = 0; l < L; l++) firstTotal += firstWeights[l] = 1 / fisherVariance(0, 2, samplings[l]!);
  for (let l = 0; l < L; l++) firstWeights[l] = firstWeights[l]! / firstTotal;
  const joint = new Float64Array(L);
  const weights = new Float64Array(L);
  let slot = 0;
  for (let i = r0; i < r1; i++) {
    const row = (i - r0) * width - r0;
    for (let j = i + 1; j < n; j++, slot++) {
      let first = 0;
      for (let l = 0; l < L; l++) {
        const variance = variances[l]!;
        const dl = d[l]!;
        const rho = covariances[l]![row + j]! / Math.sqrt(variance[i]! * variance[j]!);
        joint[l] = fisherBiasCorrected(pairInformation(dl[i]!, dl[j]!, rho), 2, samplings[l]!);
        first += firstWeights[l]! * joint[l]!;
      }
      let total = 0;
      for (let l = 0; l < L; l++) total += weights[l] = 1 / fisherVariance(first, 2, samplings[l]!);
      let value = 0;
      for (let l = 0; l < L; l++) {
        const sl = single[l]!;
        value += (weights[l]! / total) * (sl[i]! + sl[j]! - joint[l]!);
      }
      out[slot] = value;
    }
  }
}

/**
 * Var(R̂_ij) of the combined estimate, exact up to one delta-method term for Gaussian noise. Per level,
 * with x = (f̂′_i/σ_i, f̂′_j/σ_j) ~ N(d, gR) and νΣ̂ ~ Wishart(R, ν) in units of σ (R the pair's
 * correlation matrix), by total variance over x:
 * - E[R̂ | x] = xᵀ(I − R⁻¹)x + const (each term is unbiased given x); its variance over x is
 *   4g(2ρ d_i d_j − R) + 4g²ρ² = 4gρ²(Q + g), Q = dᵀR⁻¹d (tr(ARAR) = 2ρ², dᵀARAd = Qρ², A = I − R⁻¹);
 * - through Σ̂ given x: Var((ν−3) xᵀA⁻¹x) = 2q²/(ν−5), q = xᵀR⁻¹x (an inverse χ²_{ν−1});
 *   Var((ν−2) x_i²/A_ii) = 2x_i⁴/(ν−4); their covariance is 2x_i⁴/(ν−4) (the Wishart's Schur complement
 *   is independent of A_ii); Cov(1/A_ii, 1/A_jj) ≈ 2ρ²/ν³ (the delta-method term). So
 *   Var(R̂ | x) = 2q²/(ν−5) − 2(x_i⁴ + x_j⁴)/(ν−4) + 4ρ² x_i² x_j²/(ν−4), averaged over x with Gaussian
 *   moments: E q² = Q² + 8gQ + 8g², E x⁴ = d⁴ + 6d²g + 3g², E x_i²x_j² = d_i²d_j² + g(d_i² + d_j²) +
 *   4gρd_id_j + g²(1 + 2ρ²);
 * - levels sharing one zero-signal Σ̂ add the same Σ̂ terms between their (independent) x's.
 * Every moment of the truth is estimated without bias (d² by I_bc, d⁴ by Î² − Var Î, Q by the pair's
 * I_bc, ρ² by ρ̂² − (1 − ρ̂²)²/ν): plugging in the observed x̂ gave small variances exactly when R̂
 * missed (68% coverage), clipped estimates inflated it by 30–45%. The result is kept at least the
 * variance with no signal (its value at d = 0). Coverage: npm run validate and pairIntervals.test.ts.
 */
function pairVariance(
  levels: readonly { readonly sampling: FisherSampling }[],
  d: readonly Float64Array[],
  single: readonly Float64Array[],
  joint: Float64Array,
  rhos: Float64Array,
  weights: Float64Array,
  i: number,
  j: number,
  shared: boolean,
): number {
  const L = levels.length;
  let variance = 0;
  for (let l = 0; l < L; l++) {
    const { dof } = levels[l]!.sampling;
    const rho = rhos[l]!;
    const rho2 = Math.max(rho * rho - (1 - rho * rho) ** 2 / dof, 0);
    for (let m = 0; m < L; m++) {
      if (m !== l && !shared) continue;
      variance += weights[l]! * weights[m]! * (m === l ? levelPairVariance(single[l]![i]!, single[l]![j]!, joint[l]!, rho, rho2, levels[l]!.sampling) : sharedPairCovariance(l, m));
    }
  }
  return Math.max(variance, 0);

  /** Cov(R̂_l, R̂_m) of two levels through their shared Σ̂ (independent f̂′): the Σ̂ terms between x_l and x_m. */
  function sharedPairCovariance(l: number, m: number): number {
    const { dof, g } = levels[l]!.sampling;
    const gm = levels[m]!.sampling.g;
    const rho = rhos[l]!;
    const signal = (level: number, k: number) => Math.sign(d[level]![k]!) * Math.sqrt(Math.max(single[level]![k]!, 0));
    const [ai, aj, bi, bj] = [signal(l, i), signal(l, j), signal(m, i), signal(m, j)];
    const bilinear = (ai * bi + aj * bj - rho * (ai * bj + aj * bi)) / (1 - rho * rho);
    const b2 = bilinear * bilinear + g * joint[m]! + gm * joint[l]! + 2 * g * gm;
    const [si, sj, ti, tj] = [single[l]![i]! + g, single[l]![j]! + g, single[m]![i]! + gm, single[m]![j]! + gm];
    return (2 * b2) / (dof - 5) + (2 * (si * ti + sj * tj + rho * rho * (si * tj + sj * ti))) / (dof - 4) - (4 * (si * ti + sj * tj)) / (dof - 4);
  }
}

/** One level's Var(R̂_ij) from unbiased estimates of the truth's moments (see pairVariance), at least its value at d = 0. */
function levelPairVariance(infoI: number, infoJ: number, jointInfo: number, rho: number, rho2: number, sampling: FisherSampling): number {
  const { dof, g } = sampling;
  const at = (di2: number, dj2: number, di4: number, dj4: number, didj2: number, q: number, q2: number) => {
    const rhoDiDj = (di2 + dj2 - q * (1 - rho2)) / 2;
    const fourth = (d2: number, d4: number) => d4 + 6 * d2 * g + 3 * g * g;
    const product = didj2 + g * (di2 + dj2) + 4 * g * rhoDiDj + g * g * (1 + 2 * rho2);
    return (2 * (q2 + 8 * g * q + 8 * g * g)) / (dof - 5) - (2 * (fourth(di2, di4) + fourth(dj2, dj4))) / (dof - 4) + (4 * rho2 * product) / (dof - 4) + 4 * g * rho2 * (q + g);
  };
  // Cov(Î_i, Î_j) (shuffledCovariance.ts) makes Î_i Î_j unbiased for d_i² d_j².
  const pairCovariance = (2 * rho * rho * (infoI + g) * (infoJ + g)) / (dof - 4) + ((dof - 2) / (dof - 4)) * (2 * g * g * rho * rho);
  const estimated = at(
    infoI,
    infoJ,
    infoI * infoI - fisherVariance(infoI, 1, sampling),
    infoJ * infoJ - fisherVariance(infoJ, 1, sampling),
    infoI * infoJ - pairCovariance,
    jointInfo,
    jointInfo * jointInfo - fisherVariance(jointInfo, 2, sampling),
  );
  return Math.max(estimated, at(0, 0, 0, 0, 0, 0, 0));
}
