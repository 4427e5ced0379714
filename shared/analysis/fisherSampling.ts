import { chiSquareDraw, type RandomSource } from '../random/seededRandom';
import { fisherVariance, type FisherSampling } from './fisher';

/*
 * The sampling distribution of the bias-corrected information I_bc, for intervals that cover the truth
 * (README, "Statistics"). Under Gaussian noise f̂′_l ~ N(f′, g_l Σ) and ν Σ̂ ~ Wishart(ν, Σ), independent.
 * Whitening by Σ shows that the law of every level's I_naive = f̂′ᵀ Σ̂⁻¹ f̂′ depends on the truth only
 * through I = f′ᵀ Σ⁻¹ f′ (and the design: N, ν_l, g_l). So an interval can invert the estimator's own
 * law — no resampling of trials, whose duplicates lower the effective ν and bias the resampled estimates.
 *
 * Levels that share one Σ̂ (the zero-signal covariance) are drawn jointly. Their f̂′ span, with f′, a
 * subspace of dimension d ≤ L + 1; on it, the quadratic forms of a Wishart's inverse are those of the
 * inverse of a d-dimensional Wishart with ν − N + d degrees of freedom (the Schur complement), so a draw
 * takes O(L²) random numbers whatever N is. In whitened coordinates with f′ along the first axis,
 *   I_naive,l / ν = x_lᵀ S⁻¹ x_l,  x_l = √I e₀ + √g_l v_l,
 * v_l = (z_l, r_l): z_l ~ N(0, 1) along f′, r_l the rest of the level's noise (Gram ~ Wishart(N − 1)).
 * With S = AAᵀ (Bartlett), p = A⁻¹e₀ and s_l = A⁻¹v_l: I_naive,l/ν = I α + 2√(I g_l) β_l + g_l γ_l,
 * α = |p|², β_l = p·s_l, γ_l = |s_l|² — each draw is kept as (α, β_l, γ_l) and gives the estimate at any I.
 */

/** Draws of the standardized quadratic forms, per level: I_naive,l/ν = I α + 2√(I g_l) β + g_l γ. */
export interface FisherDraws {
  readonly count: number;
  readonly alpha: readonly Float64Array[];
  readonly beta: readonly Float64Array[];
  readonly gamma: readonly Float64Array[];
}

/** A lower-triangular Bartlett factor of a `size`-dimensional Wishart(dof, I), row-major. */
function bartlett(size: number, dof: number, random: RandomSource): Float64Array {
  const a = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    a[i * size + i] = Math.sqrt(chiSquareDraw(random, dof - i));
    for (let j = 0; j < i; j++) a[i * size + j] = random.normal();
  }
  return a;
}

/** Solves A y = x for lower-triangular A (size × size, row-major), in place. */
function forwardSolve(a: Float64Array, size: number, x: Float64Array): Float64Array {
  for (let i = 0; i < size; i++) {
    let sum = x[i]!;
    for (let j = 0; j < i; j++) sum -= a[i * size + j]! * x[j]!;
    x[i] = sum / a[i * size + i]!;
  }
  return x;
}

/**
 * `count` draws of the levels' estimates' law. `sharedCovariance`: every level uses one Σ̂ (zero-signal;
 * the levels' dof are then the same); else each level has its own, independent of the others (pooled).
 */
export function fisherDraws(levels: readonly FisherSampling[], neurons: number, sharedCovariance: boolean, random: RandomSource, count: number): FisherDraws {
  const alpha = levels.map(() => new Float64Array(count));
  const beta = levels.map(() => new Float64Array(count));
  const gamma = levels.map(() => new Float64Array(count));
  const groups = sharedCovariance ? [levels.map((_, l) => l)] : levels.map((_, l) => [l]);
  for (let d = 0; d < count; d++) {
    for (const group of groups) {
      const rest = Math.min(group.length, neurons - 1);
      const size = 1 + rest;
      const a = bartlett(size, levels[group[0]!]!.dof - neurons + size, random);
      // The levels' noise off f′: a Bartlett factor of their Gram (N − 1 dims) when it has full rank, else plain normals.
      const gram = rest === group.length ? bartlett(rest, neurons - 1, random) : null;
      const p = forwardSolve(a, size, Float64Array.from({ length: size }, (_, k) => (k === 0 ? 1 : 0)));
      let pp = 0;
      for (let k = 0; k < size; k++) pp += p[k]! * p[k]!;
      group.forEach((l, index) => {
        const v = new Float64Array(size);
        v[0] = random.normal();
        for (let k = 0; k < rest; k++) v[1 + k] = gram ? gram[index * rest + k]! : random.normal();
        const s = forwardSolve(a, size, v);
        let ps = 0;
        let ss = 0;
        for (let k = 0; k < size; k++) {
          ps += p[k]! * s[k]!;
          ss += s[k]! * s[k]!;
        }
        alpha[l]![d] = pp;
        beta[l]![d] = ps;
        gamma[l]![d] = ss;
      });
    }
  }
  return { count, alpha, beta, gamma };
}

/** Level weights ∝ 1/Var(I_bc) at the information `at` (the same I for every level), normalized. */
export function levelWeights(at: number, levels: readonly FisherSampling[], neurons: number): Float64Array {
  const weights = Float64Array.from(levels, (level) => 1 / fisherVariance(at, neurons, level));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/**
 * The levels' estimates combined with weights from the combined value itself, iterated to a fixed point:
 * a level's weight never depends on its own noisy estimate (which biased the old inverse-variance mean by
 * −8% for I), only on the common value all levels estimate.
 */
export function combineLevelEstimates(estimates: ArrayLike<number>, levels: readonly FisherSampling[], neurons: number): { value: number; weights: Float64Array } {
  let weights = levelWeights(0, levels, neurons);
  let value = dot(weights, estimates);
  for (let iteration = 0; iteration < 100; iteration++) {
    weights = levelWeights(value, levels, neurons);
    const next = dot(weights, estimates);
    const settled = Math.abs(next - value) <= 1e-12 * Math.max(1, Math.abs(next));
    value = next;
    if (settled) break;
  }
  return { value, weights };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

/**
 * Covariance of two levels' I_bc when they share one Σ̂ (zero-signal), exact for Gaussian noise from the
 * inverse Wishart's moments: [2I²(ν−N) + 2(g₁+g₂)I(ν−1) + 2g₁g₂N(ν−1)] / ((ν−N)(ν−N−3)).
 */
export function sharedCovarianceTerm(fisher: number, neurons: number, dof: number, g1: number, g2: number): number {
  const info = Math.max(fisher, 0);
  return (2 * info * info * (dof - neurons) + 2 * (g1 + g2) * info * (dof - 1) + 2 * g1 * g2 * neurons * (dof - 1)) / ((dof - neurons) * (dof - neurons - 3));
}

/** Variance of the weighted combination: each level's Var(I_bc), plus the shared-Σ̂ covariances. */
export function combinedFisherVariance(fisher: number, weights: ArrayLike<number>, levels: readonly FisherSampling[], neurons: number, sharedCovariance: boolean): number {
  let variance = 0;
  for (let l = 0; l < levels.length; l++) {
    variance += weights[l]! ** 2 * fisherVariance(fisher, neurons, levels[l]!);
    if (!sharedCovariance) continue;
    for (let m = 0; m < levels.length; m++) {
      if (m !== l) variance += weights[l]! * weights[m]! * sharedCovarianceTerm(fisher, neurons, levels[l]!.dof, levels[l]!.g, levels[m]!.g);
    }
  }
  return variance;
}

/** The combined estimate of every draw at the information `at`, with the weights of `at`. */
function combinedDraws(at: number, draws: FisherDraws, levels: readonly FisherSampling[], neurons: number, weights: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  levels.forEach((level, l) => {
    const { dof, g } = level;
    const [a, b, c] = [draws.alpha[l]!, draws.beta[l]!, draws.gamma[l]!];
    const root = 2 * Math.sqrt(at * g);
    const w = weights[l]!;
    for (let d = 0; d < draws.count; d++) out[d]! += w * ((dof - neurons - 1) * (at * a[d]! + root * b[d]! + g * c[d]!) - neurons * g);
  });
  return out;
}

export interface FisherInterval {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** The estimate's variance under its law at the estimate (clipped at 0), from the draws. */
  readonly variance: number;
  readonly weights: Float64Array;
}

/**
 * The `coverage` interval of I from the levels' I_bc, by inverting the estimator's law: the values of I at
 * which the observed combination is neither in the upper nor in the lower (1 − coverage)/2 tail. I ≥ 0, so
 * the interval starts at 0 at the least; it is widened to hold the estimate itself when that is negative
 * (an estimate below anything I = 0 would give), which cannot lower its coverage of an I ≥ 0.
 */
export function fisherInterval(estimates: ArrayLike<number>, levels: readonly FisherSampling[], neurons: number, draws: FisherDraws, coverage = 0.95): FisherInterval {
  const { value, weights } = combineLevelEstimates(estimates, levels, neurons);
  const scratch = new Float64Array(draws.count);
  /** Share of draws at I = at at or below what was observed (with the weights of at). */
  const below = (at: number): number => {
    const w = levelWeights(at, levels, neurons);
    const observed = dot(w, estimates);
    const simulated = combinedDraws(at, draws, levels, neurons, w, scratch);
    let count = 0;
    for (let d = 0; d < draws.count; d++) if (simulated[d]! <= observed) count++;
    return count / draws.count;
  };
  const tail = (1 - coverage) / 2;
  // The smallest I whose law puts the observation at or below its (1 − tail) quantile, and the largest whose law puts it above its tail quantile.
  const bound = (share: number): number => {
    if (below(0) <= share) return 0;
    const scale = Math.max(value, 0) + neurons * Math.max(...levels.map((l) => l.g)) + 1e-12;
    let high = scale;
    for (let k = 0; k < 200 && below(high) > share; k++) high *= 2;
    let low = 0;
    for (let k = 0; k < 60; k++) {
      const middle = (low + high) / 2;
      if (below(middle) > share) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const at = Math.max(value, 0);
  const simulated = combinedDraws(at, draws, levels, neurons, levelWeights(at, levels, neurons), scratch);
  let mean = 0;
  for (let d = 0; d < draws.count; d++) mean += simulated[d]!;
  mean /= draws.count;
  let variance = 0;
  for (let d = 0; d < draws.count; d++) variance += (simulated[d]! - mean) ** 2;
  variance /= draws.count - 1;
  const low = bound(1 - tail);
  const high = bound(tail);
  return { value, low: Math.min(low, value), high: Math.max(high, value), variance, weights };
}
