import type { Dataset } from '../dataset/types';
import { conditionRoles } from '../dataset/conditionRoles';
import type { FrameData } from './frameData';
import type { FrameKey } from './framePlan';
import { discriminations, isSignedDesign, zeroSignalTrials } from './discrimination';
import { chooseCovariance, levelMoments } from './levelStatistics';
import { classScatterDiagonals } from './classScatter';
import { combinedNeuronInformation } from './pairwiseRedundancy';
import type { AnalysisSettings } from './settings';

/** Frames whose neurons' information decides task relevance: the task condition's, or every frame when none has that role. */
export function isRelevanceFrame(dataset: Dataset, key: FrameKey): boolean {
  const { task } = conditionRoles(dataset);
  return task === null || dataset.sessions[key.sessionIndex]!.condition === task;
}

/**
 * Each neuron's own bias-corrected Fisher information in one frame (d′²/c, inverse-variance combined over
 * the signal levels), from per-neuron noise variances only — the frame's covariance matrix is left to the
 * analysis proper, which builds it once.
 */
export function frameNeuronInformation(frame: FrameData, settings: AnalysisSettings): Float64Array {
  const n = frame.neurons.length;
  const zeroTrials = zeroSignalTrials(frame.stimulus);
  const source = chooseCovariance(settings.covariance, isSignedDesign(frame.stimulus), zeroTrials.length, n);
  const sums = classScatterDiagonals(frame);
  // Σ of the chosen classes' sums of squares over ν, in the order pooledCovariance adds them.
  const noiseVariance = (values: readonly number[], dof: number) => {
    const out = new Float64Array(n);
    for (const value of values) {
      const diagonal = sums.find((s) => s.value === value)!.diagonal;
      for (let k = 0; k < n; k++) out[k]! += diagonal[k]!;
    }
    for (let k = 0; k < n; k++) out[k]! /= dof;
    return out;
  };
  const zero = source === 'zero-signal' ? noiseVariance([0], zeroTrials.length - 1) : null;
  const levels = levelMoments(frame, discriminations(frame.stimulus, settings), source, zeroTrials).map((level) => ({
    ...level,
    noiseVariance: zero ?? noiseVariance([level.discrimination.low, level.discrimination.high], level.sampling.dof),
  }));
  return combinedNeuronInformation(levels, n);
}

/**
 * Task relevance (SCIENCE.md): each neuron's information averaged over the relevance frames it is used in,
 * then a median split. The split is fixed for the dataset, so the high and low groups contain the same
 * neurons in every session.
 */
export function taskRelevance(
  neuronCount: number,
  frames: readonly { readonly neurons: Int32Array; readonly information: Float64Array }[],
): { relevance: Float64Array; high: Uint8Array } {
  const sum = new Float64Array(neuronCount);
  const count = new Float64Array(neuronCount);
  for (const { neurons, information } of frames) {
    neurons.forEach((neuron, k) => {
      sum[neuron]! += information[k]!;
      count[neuron]!++;
    });
  }
  const relevance = Float64Array.from(sum, (s, i) => (count[i]! > 0 ? s / count[i]! : 0));
  const measured = [...relevance.keys()].filter((i) => count[i]! > 0).sort((a, b) => relevance[b]! - relevance[a]! || a - b);
  const high = new Uint8Array(neuronCount);
  for (let k = 0; k < Math.floor(measured.length / 2); k++) high[measured[k]!] = 1;
  return { relevance, high };
}
