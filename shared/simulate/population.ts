import { choleskyInPlace } from '../analysis/linalg';
import type { RandomSource } from '../random/seededRandom';

/**
 * The synthetic population of SCIENCE.md ("Synthetic populations with known truth"):
 *   tuning   f_i(θ) = b + a_i·exp(κ(cos 2(θ−θ_i) − 1))        (θ in degrees, orientation space)
 *   noise    Σ0 = C ∘ √(v vᵀ), v_i = f_i(θ0), C_ij = c0·exp(−Δθ_ij / L)
 *   learning Σ = Σ0 + ε f′f′ᵀ  (differential, information-limiting correlations)
 * Means are linearised around θ0 (μ(s) = f(θ0) + f′·s), so the linear Fisher information is exact:
 *   I = I0 / (1 + ε I0),  I_shuffle = Σ_i f′_i² / (v_i + ε f′_i²).
 */
export interface PopulationModel {
  readonly preferred: Float64Array;
  readonly amplitude: Float64Array;
  readonly baseline: number;
  readonly kappa: number;
  readonly correlationPeak: number;
  /** Correlation length L in degrees of preference difference. */
  readonly correlationLength: number;
}

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Orientation difference in degrees, folded into [0, 90]. */
export function orientationDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
}

/** Mean response and its derivative (per degree) at θ0, scaled by a gain on the tuned part. */
export function tuningAt(model: PopulationModel, theta0: number, gain: number): { mean: Float64Array; slope: Float64Array } {
  const n = model.preferred.length;
  const mean = new Float64Array(n);
  const slope = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const delta = 2 * (theta0 - model.preferred[i]!) * RADIANS_PER_DEGREE;
    const bump = gain * model.amplitude[i]! * Math.exp(model.kappa * (Math.cos(delta) - 1));
    mean[i] = model.baseline + bump;
    slope[i] = bump * model.kappa * -Math.sin(delta) * 2 * RADIANS_PER_DEGREE;
  }
  return { mean, slope };
}

/** Σ = C ∘ √(v vᵀ) + ε f′f′ᵀ with Poisson-like variances v = mean. */
export function noiseCovariance(model: PopulationModel, mean: Float64Array, slope: Float64Array, epsilon: number): Float64Array {
  const n = mean.length;
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c =
        i === j
          ? 1
          : model.correlationPeak *
            Math.exp(-orientationDistance(model.preferred[i]!, model.preferred[j]!) / model.correlationLength);
      sigma[i * n + j] = c * Math.sqrt(mean[i]! * mean[j]!) + epsilon * slope[i]! * slope[j]!;
    }
  }
  return sigma;
}

/** Draws `count` Gaussian vectors with the given mean and covariance; returns them trial-major. */
export function drawGaussian(
  random: RandomSource,
  mean: ArrayLike<number>,
  covariance: Float64Array,
  count: number,
): Float64Array {
  const n = mean.length;
  const l = Float64Array.from(covariance);
  if (!choleskyInPlace(l, n)) throw new Error('simulation covariance is not positive definite');
  const out = new Float64Array(count * n);
  const z = new Float64Array(n);
  for (let t = 0; t < count; t++) {
    for (let k = 0; k < n; k++) z[k] = random.normal();
    for (let i = 0; i < n; i++) {
      let sum = mean[i]!;
      const row = i * n;
      for (let k = 0; k <= i; k++) sum += l[row + k]! * z[k]!;
      out[t * n + i] = sum;
    }
  }
  return out;
}

/** Exact linear Fisher information of the model (SCIENCE.md truth formulas) given I0 = f′ᵀΣ0⁻¹f′. */
export function informationTruth(
  fisherWithoutDifferential: number,
  mean: Float64Array,
  slope: Float64Array,
  epsilon: number,
): { fisher: number; fisherShuffled: number; redundancy: number } {
  const fisher = fisherWithoutDifferential / (1 + epsilon * fisherWithoutDifferential);
  let fisherShuffled = 0;
  for (let i = 0; i < mean.length; i++) fisherShuffled += slope[i]! ** 2 / (mean[i]! + epsilon * slope[i]! ** 2);
  return { fisher, fisherShuffled, redundancy: fisherShuffled - fisher };
}
