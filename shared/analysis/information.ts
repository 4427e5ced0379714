/**
 * Shannon-information views of a pair (SCIENCE.md, "Correlations"), for linear-Gaussian responses.
 *  - Mutual information of two neurons' noise: −½ ln(1 − ρ²) nats.
 *  - A neuron's information about the stimulus through a linear-Gaussian channel with stimulus variance
 *    σ_s² and Fisher information I_F: I(X;S) = ½ ln(1 + σ_s² I_F) nats.
 *  - Minimum-mutual-information redundancy (partial information decomposition, Barrett 2015):
 *    R_MMI = min(I(X_i;S), I(X_j;S)).
 */
export function gaussianMutualInformation(rho: number): number {
  const r2 = Math.min(rho * rho, 1 - 1e-12);
  return Math.max(0, -0.5 * Math.log(1 - r2));
}

export function channelInformation(fisher: number, stimulusVariance: number): number {
  return 0.5 * Math.log(1 + stimulusVariance * Math.max(0, fisher));
}

export function mmiRedundancy(informationI: number, informationJ: number): number {
  return Math.min(informationI, informationJ);
}

/** Variance (ddof = 0) of the stimulus values over trials: the σ_s² of the channel. */
export function stimulusVariance(stimulus: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < stimulus.length; t++) sum += stimulus[t]!;
  const mean = sum / stimulus.length;
  let squares = 0;
  for (let t = 0; t < stimulus.length; t++) squares += (stimulus[t]! - mean) ** 2;
  return squares / stimulus.length;
}
