import type { Dataset } from '../../shared/dataset/types';
import { drawGaussian, informationTruth, noiseCovariance, tuningAt, type PopulationModel } from '../../shared/simulate/population';
import { inverseQuadraticForm } from '../../shared/analysis/linalg';
import { seededRandom } from '../../shared/random/seededRandom';

export interface SyntheticOptions {
  neurons: number;
  trialsPerSide: number;
  levels: number[];
  epsilon: number;
  seed: number;
  zeroSignalTrials?: number;
  /** Extra −c trials at the first level, for unequal class sizes. */
  extraMinus?: number;
  /** Conditions of the one session (default 'task'). */
  condition?: string;
  /** Add choices from a readout Σ (f′_i/v_i) r_i plus decision noise. */
  choices?: boolean;
}

export function syntheticModel(neurons: number): PopulationModel {
  return {
    preferred: Float64Array.from({ length: neurons }, (_, i) => (i * 180) / neurons),
    amplitude: new Float64Array(neurons).fill(20),
    baseline: 4,
    kappa: 2,
    correlationPeak: 0.2,
    correlationLength: 25,
  };
}

/** Exact I, I_shuffle of the model at θ0 = 45° with differential correlations ε. */
export function syntheticTruth(neurons: number, epsilon: number) {
  const model = syntheticModel(neurons);
  const { mean, slope } = tuningAt(model, 45, 1);
  const i0 = inverseQuadraticForm(noiseCovariance(model, mean, slope, 0), neurons, slope)!;
  return informationTruth(i0, mean, slope, epsilon);
}

/** One session, one epoch, Gaussian responses with linearised means (so the truth is exact). */
export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { neurons: n, trialsPerSide, levels, epsilon, seed } = options;
  const model = syntheticModel(n);
  const { mean, slope } = tuningAt(model, 45, 1);
  const covariance = noiseCovariance(model, mean, slope, epsilon);
  const random = seededRandom(seed);
  const stimulus: number[] = [];
  for (const c of levels) for (let k = 0; k < trialsPerSide; k++) stimulus.push(-c, c);
  for (let k = 0; k < (options.zeroSignalTrials ?? 0); k++) stimulus.push(0);
  for (let k = 0; k < (options.extraMinus ?? 0); k++) stimulus.push(-levels[0]!);
  const noise = drawGaussian(random, new Float64Array(n), covariance, stimulus.length);
  const responses = new Float32Array(stimulus.length * n);
  // Float32 storage is the dataset's contract; values stay well inside its precision here.
  stimulus.forEach((s, t) => {
    for (let i = 0; i < n; i++) responses[t * n + i] = mean[i]! + slope[i]! * s + noise[t * n + i]!;
  });
  return {
    name: 'synthetic',
    responseUnit: 'spikes',
    stimulusUnit: 'deg',
    matching: 'identity',
    neurons: Array.from({ length: n }, (_, i) => ({ id: `u${i}` })),
    sessions: [
      {
        id: 's1',
        order: 1,
        condition: options.condition ?? 'task',
        epochs: [{ name: 'stimulus', start: 0, end: 1 }],
        trialCount: stimulus.length,
        stimulus: Float64Array.from(stimulus),
        choice: options.choices ? readoutChoices(noise, slope, mean, stimulus, random) : null,
        correct: null,
        present: new Uint8Array(n).fill(1),
        responses,
      },
    ],
  };
}

function readoutChoices(noise: Float64Array, slope: Float64Array, mean: Float64Array, stimulus: number[], random: ReturnType<typeof seededRandom>): Uint8Array {
  const n = slope.length;
  return Uint8Array.from(stimulus, (s, t) => {
    let dv = 0;
    for (let i = 0; i < n; i++) dv += (slope[i]! / mean[i]!) * (slope[i]! * s + noise[t * n + i]!);
    return dv + 0.3 * random.normal() > 0 ? 1 : 0;
  });
}
