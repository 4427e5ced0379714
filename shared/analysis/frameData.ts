import type { Dataset } from '../dataset/types';

/** One (session, epoch) as a variable-major matrix: [neuron][trial] over the chosen neurons. */
export interface FrameData {
  readonly neurons: Int32Array;
  readonly trials: number;
  readonly values: Float64Array;
  readonly stimulus: Float64Array;
}

export function extractFrame(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  neurons: Int32Array,
): FrameData {
  const session = dataset.sessions[sessionIndex]!;
  const neuronCount = dataset.neurons.length;
  const epochCount = session.epochs.length;
  const trials = session.trialCount;
  const values = new Float64Array(neurons.length * trials);
  for (let t = 0; t < trials; t++) {
    const base = (t * epochCount + epochIndex) * neuronCount;
    for (let k = 0; k < neurons.length; k++) values[k * trials + t] = session.responses[base + neurons[k]!]!;
  }
  return { neurons, trials, values, stimulus: session.stimulus };
}

/** Per-neuron mean and variance (ddof = 1) over all trials of a frame. */
export function neuronMoments(frame: FrameData): { mean: Float64Array; variance: Float64Array } {
  const n = frame.neurons.length;
  const m = frame.trials;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let t = 0; t < m; t++) sum += frame.values[k * m + t]!;
    const mu = sum / m;
    let squares = 0;
    for (let t = 0; t < m; t++) squares += (frame.values[k * m + t]! - mu) ** 2;
    mean[k] = mu;
    variance[k] = m > 1 ? squares / (m - 1) : 0;
  }
  return { mean, variance };
}

/** The same frame restricted to some of its rows (positions `keep` into frame.neurons). */
export function selectNeurons(frame: FrameData, keep: Int32Array): FrameData {
  const m = frame.trials;
  const values = new Float64Array(keep.length * m);
  keep.forEach((row, k) => values.set(frame.values.subarray(row * m, (row + 1) * m), k * m));
  return { neurons: Int32Array.from(keep, (row) => frame.neurons[row]!), trials: m, values, stimulus: frame.stimulus };
}
