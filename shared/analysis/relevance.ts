import type { Dataset } from '../dataset/types';
import { extractFrame } from './frameData';
import { frameModel } from './frameModel';
import { neuronInformation } from './pairwiseRedundancy';
import { usableNeurons } from './frameAnalysis';
import type { FrameKey } from './pipeline';
import type { AnalysisSettings } from './settings';

/**
 * Task relevance (SCIENCE.md): each neuron's own bias-corrected Fisher information (d′²/c averaged over
 * the signal levels), averaged over the task sessions' frames (all frames when no condition is called
 * `task`); then a median split. The split is fixed for the dataset, so the high and low groups contain
 * the same neurons in every session.
 */
export function taskRelevance(
  dataset: Dataset,
  keys: readonly FrameKey[],
  settings: AnalysisSettings,
): { relevance: Float64Array; high: Uint8Array } {
  const n = dataset.neurons.length;
  const hasTask = dataset.sessions.some((s) => s.condition.toLowerCase() === 'task');
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  for (const { sessionIndex, epochIndex } of keys) {
    const session = dataset.sessions[sessionIndex]!;
    if (hasTask && session.condition.toLowerCase() !== 'task') continue;
    const { neurons } = usableNeurons(dataset, sessionIndex, epochIndex);
    const frame = extractFrame(dataset, sessionIndex, epochIndex, neurons);
    const info = neuronInformation(frameModel(frame, settings).levels, neurons.length);
    neurons.forEach((neuron, k) => {
      sum[neuron]! += info[k]!;
      count[neuron]!++;
    });
  }
  const relevance = Float64Array.from(sum, (s, i) => (count[i]! > 0 ? s / count[i]! : 0));
  const measured = [...relevance.keys()].filter((i) => count[i]! > 0).sort((a, b) => relevance[b]! - relevance[a]! || a - b);
  const high = new Uint8Array(n);
  for (let k = 0; k < Math.floor(measured.length / 2); k++) high[measured[k]!] = 1;
  return { relevance, high };
}
