import type { FrameData } from './frameData';
import { groupTrialsByStimulus } from './stimulusGroups';
import { fUpperTail } from '../math/fDistribution';

/**
 * Responsiveness of each neuron of a frame to the stimulus: one-way ANOVA of its responses across the
 * stimulus values, p = P(F ≥ F_observed) with (k − 1, T − k) degrees of freedom — does its response
 * depend on the stimulus at all? (A neuron whose mean does not move with the stimulus has f′ = 0 at every
 * level and carries no information.) NaN where there is no test: fewer than 2 stimulus values, no
 * residual degrees of freedom, or no variance at all. As scipy.stats.f_oneway.
 */
export function stimulusResponsiveness(frame: FrameData): Float64Array {
  const groups = [...groupTrialsByStimulus(frame.stimulus).values()];
  const m = frame.trials;
  const k = groups.length;
  const residualDof = m - k;
  return Float64Array.from(frame.neurons, (_, neuron) => {
    if (k < 2 || residualDof < 1) return Number.NaN;
    const row = neuron * m;
    let total = 0;
    for (let t = 0; t < m; t++) total += frame.values[row + t]!;
    const grand = total / m;
    let between = 0;
    let within = 0;
    for (const trials of groups) {
      let sum = 0;
      for (const t of trials) sum += frame.values[row + t]!;
      const mean = sum / trials.length;
      between += trials.length * (mean - grand) ** 2;
      for (const t of trials) within += (frame.values[row + t]! - mean) ** 2;
    }
    if (!(between + within > 0)) return Number.NaN;
    return fUpperTail(between / (k - 1) / (within / residualDof), k - 1, residualDof);
  });
}
