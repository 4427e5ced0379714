/**
 * Linear Fisher information and its bias correction.
 * Kanitscheider, Coen-Cagli, Kohn & Pouget (2015) PLoS Comput Biol 11:e1004218, eqs. for the
 * bias-corrected estimator and its variance; notation as in SCIENCE.md:
 *   I_naive = f′ᵀ Σ̂⁻¹ f′,   E[I_naive] = ν/(ν−N−1) · (I + N·g),   g = (1/T1 + 1/T2) / ds²
 *   I_bc    = I_naive · (ν−N−1)/ν − N·g
 *   Var(I_bc) = [2(I+Ng)² + (ν−N−1)(4gI + 2Ng²)] / (ν−N−3)
 * Valid only when ν > N + 3.
 */

export interface FisherSampling {
  /** Degrees of freedom of the covariance estimate (pooled within-class: T1 + T2 − 2). */
  readonly dof: number;
  /** g = (1/T1 + 1/T2) / ds². */
  readonly g: number;
}

export function samplingOf(trialsMinus: number, trialsPlus: number, ds: number): FisherSampling {
  return { dof: trialsMinus + trialsPlus - 2, g: (1 / trialsMinus + 1 / trialsPlus) / (ds * ds) };
}

/** The estimator needs ν > N + 3 (else its variance is unbounded). */
export function fisherIsEstimable(neurons: number, dof: number): boolean {
  return dof > neurons + 3;
}

/** Fewest trials at one ±c pair (T1 + T2) for which N neurons can be estimated: ν = T1+T2−2 ≥ N+4. */
export function trialsNeededFor(neurons: number): number {
  return neurons + 6;
}

export function fisherBiasCorrected(naive: number, neurons: number, { dof, g }: FisherSampling): number {
  return (naive * (dof - neurons - 1)) / dof - neurons * g;
}

/**
 * Sampling variance of I_bc. The true I is unknown; we plug in the estimate clipped at 0 (a negative
 * I_bc is noise around a small I), so the variance, used for the level weights (fisherSampling.ts), stays positive.
 */
export function fisherVariance(fisher: number, neurons: number, { dof, g }: FisherSampling): number {
  const info = Math.max(fisher, 0);
  const n = neurons;
  return (2 * (info + n * g) ** 2 + (dof - n - 1) * (4 * g * info + 2 * n * g * g)) / (dof - n - 3);
}
