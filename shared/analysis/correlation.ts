import { crossProduct } from './linalg';
import type { FrameData } from './frameData';
import { groupTrialsByStimulus } from './stimulusGroups';

export interface NoiseCorrelationResult {
  /** n×n Pearson correlations of the within-condition z-scores (diagonal 1). */
  readonly matrix: Float64Array;
  /** (neuron position, stimulus value) where the neuron's response did not vary: z set to 0 there. */
  readonly constantIn: { neuron: number; stimulus: number }[];
}

/**
 * Noise correlation (SCIENCE.md "Correlations"): z-score each neuron within each stimulus condition
 * (ddof = 1), concatenate the conditions, take Pearson r. Conditions with one trial carry no noise
 * information and are skipped. Where a neuron is constant within a condition its z-scores are
 * undefined; we set them to 0 (that condition then contributes nothing to its pairs) and report it.
 */
export function noiseCorrelations(frame: FrameData): NoiseCorrelationResult {
  const n = frame.neurons.length;
  const m = frame.trials;
  const z = new Float64Array(n * m);
  const constantIn: { neuron: number; stimulus: number }[] = [];
  for (const [stimulus, trials] of groupTrialsByStimulus(frame.stimulus)) {
    if (trials.length < 2) continue;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      let sum = 0;
      for (const t of trials) sum += frame.values[row + t]!;
      const mean = sum / trials.length;
      let squares = 0;
      for (const t of trials) squares += (frame.values[row + t]! - mean) ** 2;
      const sd = Math.sqrt(squares / (trials.length - 1));
      if (!(sd > 0)) {
        constantIn.push({ neuron: k, stimulus });
        continue;
      }
      for (const t of trials) z[row + t] = (frame.values[row + t]! - mean) / sd;
    }
  }
  const matrix = crossProduct(z, n, m);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(matrix[i * n + i]!);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const denominator = norms[i]! * norms[j]!;
      matrix[i * n + j] = denominator > 0 ? matrix[i * n + j]! / denominator : i === j ? 1 : 0;
    }
  }
  return { matrix, constantIn };
}

/** Mean of correlations through Fisher's z (atanh), as is usual for averaging r across pairs. */
export function fisherZMean(correlations: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < correlations.length; k++) {
    const r = Math.max(-0.999999, Math.min(0.999999, correlations[k]!));
    sum += Math.atanh(r);
    count++;
  }
  return count === 0 ? 0 : Math.tanh(sum / count);
}
