import type { Dataset, Neuron, Session } from '../dataset/types';
import { inverseQuadraticForm } from '../analysis/linalg';
import { seededRandom, type RandomSource } from '../random/seededRandom';
import { drawGaussian, informationTruth, noiseCovariance, tuningAt, type PopulationModel } from './population';

/**
 * The demo: one tracked population over learning sessions, each day recorded in the task and in
 * passive viewing of the same stimuli. In the task condition feedback grows differential correlations
 * ε·f′f′ᵀ (strongest in the pre-decision epoch, and by construction largest for high-|f′| neurons) and
 * the tuned gain rises a little, so the summed single-neuron information rises while the population
 * information does not: redundancy grows, as in Liu et al. (2026). Passive sessions do not change.
 */
export interface DemoOptions {
  readonly seed: number;
  readonly neurons: number;
  readonly sessions: number;
  /** Trials at each of −c and +c per level. */
  readonly trialsPerSide: number;
  readonly zeroSignalTrials: number;
  /** Signal levels c (degrees of orientation offset from θ0). */
  readonly levels: readonly number[];
  readonly theta0: number;
  /** Round to non-negative whole spike counts (the demo file); false keeps the exact Gaussian draws. */
  readonly integerCounts: boolean;
  /** ε at the start and the added ε at the last task session (deg²). */
  readonly epsilonBase: number;
  readonly epsilonGrowth: number;
  /** Extra gain of the tuned response by the last task session. */
  readonly gainGrowth: number;
}

/** The demo the app opens with; its point-estimate timeline ships with the app (node/demoTimelineFile.ts). */
export const DEMO_SEED = 1;

/** The demo dataset's name (what views and stories of it name as their dataset). */
export function demoDatasetName(seed = DEMO_SEED): string {
  return `Simulated V4 learning (seed ${seed})`;
}

export const DEFAULT_DEMO: DemoOptions = {
  seed: DEMO_SEED,
  neurons: 120,
  sessions: 10,
  trialsPerSide: 110,
  zeroSignalTrials: 60,
  levels: [2, 4],
  theta0: 45,
  integerCounts: true,
  epsilonBase: 0.02,
  epsilonGrowth: 3,
  gainGrowth: 0.35,
};

/** Epoch windows (s after stimulus onset) and how strongly feedback reaches each one. */
export const DEMO_EPOCHS = [
  { name: 'early stimulus', start: 0.05, end: 0.6, feedback: 0.25 },
  { name: 'late stimulus', start: 0.6, end: 1.1, feedback: 0.6 },
  // Chorus's own definition: the last 550 ms before stimulus offset (SCIENCE.md, "Time windows").
  { name: 'pre-decision', start: 1.1, end: 1.65, feedback: 1 },
] as const;

const BASELINE_HZ = 10;
const GRID = 10;
const ELECTRODE_SPACING_MM = 0.4;

export function demoModel(options: DemoOptions): { model: PopulationModel; neurons: Neuron[] } {
  const random = seededRandom(options.seed);
  const n = options.neurons;
  const preferred = new Float64Array(n);
  const amplitude = new Float64Array(n);
  const neurons: Neuron[] = [];
  for (let i = 0; i < n; i++) {
    preferred[i] = ((i + random.uniform()) * 180) / n;
    amplitude[i] = 25 + 35 * random.uniform();
    // One unit per electrode of a 10 × 10 array, then second units on random electrodes.
    const electrode = i < GRID * GRID ? i : Math.floor(random.uniform() * GRID * GRID);
    const jitter = i < GRID * GRID ? 0 : 0.08;
    neurons.push({
      id: `n${String(i + 1).padStart(3, '0')}`,
      position: [
        round3((electrode % GRID) * ELECTRODE_SPACING_MM + jitter),
        round3(Math.floor(electrode / GRID) * ELECTRODE_SPACING_MM + jitter),
        round3(0.15 * random.uniform()),
      ],
      area: 'V4',
    });
  }
  // Shuffle which preference sits on which electrode, so the grid is not sorted by tuning.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [preferred[i], preferred[j]] = [preferred[j]!, preferred[i]!];
  }
  return {
    model: { preferred, amplitude, baseline: BASELINE_HZ, kappa: 2, correlationPeak: 0.1, correlationLength: 20 },
    neurons,
  };
}

/** Learning progress 0…1 over sessions; passive viewing does not learn. */
function learningState(options: DemoOptions, condition: 'task' | 'passive', session: number, epoch: number) {
  const progress = options.sessions > 1 ? session / (options.sessions - 1) : 0;
  const feedback = condition === 'task' ? progress * DEMO_EPOCHS[epoch]!.feedback : 0;
  return {
    epsilon: options.epsilonBase + options.epsilonGrowth * feedback,
    gain: 1 + (condition === 'task' ? options.gainGrowth * progress : 0),
  };
}

/** Mean counts, slopes and covariance of one (condition, session, epoch), in spikes per window. */
export function demoFrameModel(
  options: DemoOptions,
  model: PopulationModel,
  condition: 'task' | 'passive',
  session: number,
  epoch: number,
): { mean: Float64Array; slope: Float64Array; covariance: Float64Array; epsilon: number; covarianceWithoutDifferential: Float64Array } {
  const { epsilon, gain } = learningState(options, condition, session, epoch);
  const window = DEMO_EPOCHS[epoch]!.end - DEMO_EPOCHS[epoch]!.start;
  const rates = tuningAt(model, options.theta0, gain);
  const mean = rates.mean.map((r) => r * window);
  const slope = rates.slope.map((r) => r * window);
  return {
    mean,
    slope,
    epsilon,
    covariance: noiseCovariance(model, mean, slope, epsilon),
    covarianceWithoutDifferential: noiseCovariance(model, mean, slope, 0),
  };
}

/** Exact I, I_shuffle and redundancy of the generating model for one frame (before rounding). */
export function demoTruth(options: DemoOptions, condition: 'task' | 'passive', session: number, epoch: number) {
  const { model } = demoModel(options);
  const frame = demoFrameModel(options, model, condition, session, epoch);
  const i0 = inverseQuadraticForm(frame.covarianceWithoutDifferential, frame.mean.length, frame.slope)!;
  return informationTruth(i0, frame.mean, frame.slope, frame.epsilon);
}

function trialStimuli(options: DemoOptions, random: RandomSource): Float64Array {
  const values: number[] = [];
  for (const c of options.levels) for (let k = 0; k < options.trialsPerSide; k++) values.push(-c, c);
  for (let k = 0; k < options.zeroSignalTrials; k++) values.push(0);
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return Float64Array.from(values);
}

export function simulateLearningDataset(overrides: Partial<DemoOptions> = {}): Dataset {
  const options = { ...DEFAULT_DEMO, ...overrides };
  const { model, neurons } = demoModel(options);
  const random = seededRandom(options.seed * 7919 + 17);
  const sessions: Session[] = [];
  for (let day = 0; day < options.sessions; day++) {
    for (const condition of ['task', 'passive'] as const) {
      sessions.push(simulateSession(options, model, random, condition, day));
    }
  }
  return {
    name: demoDatasetName(options.seed),
    responseUnit: 'spikes',
    stimulusUnit: 'deg',
    matching: 'channel',
    neurons,
    sessions,
  };
}

function simulateSession(
  options: DemoOptions,
  model: PopulationModel,
  random: RandomSource,
  condition: 'task' | 'passive',
  day: number,
): Session {
  const n = options.neurons;
  const stimulus = trialStimuli(options, random);
  const trials = stimulus.length;
  const epochs = DEMO_EPOCHS.length;
  const responses = new Float32Array(trials * epochs * n);
  let decisionVariable: Float64Array | null = null;
  for (let e = 0; e < epochs; e++) {
    const frame = demoFrameModel(options, model, condition, day, e);
    const noise = drawGaussian(random, new Float64Array(n), frame.covariance, trials);
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) {
        let value = frame.mean[i]! + frame.slope[i]! * stimulus[t]! + noise[t * n + i]!;
        if (options.integerCounts) value = Math.max(0, Math.round(value));
        responses[(t * epochs + e) * n + i] = value;
      }
    }
    if (e === epochs - 1) decisionVariable = readout(noise, frame.slope, frame.mean, stimulus, trials);
  }
  const { choice, correct } =
    condition === 'task' ? decide(decisionVariable!, stimulus, random) : { choice: null, correct: null };
  return {
    id: `day${String(day + 1).padStart(2, '0')}-${condition}`,
    order: day + 1,
    condition,
    epochs: DEMO_EPOCHS.map(({ name, start, end }) => ({ name, start, end })),
    trialCount: trials,
    stimulus,
    choice,
    correct,
    present: new Uint8Array(n).fill(1),
    responses,
  };
}

/** Decision variable of a simple readout of the pre-decision response: Σ_i (f′_i / v_i) r_i. */
function readout(noise: Float64Array, slope: Float64Array, mean: Float64Array, stimulus: Float64Array, trials: number): Float64Array {
  const n = slope.length;
  const dv = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (slope[i]! / mean[i]!) * (slope[i]! * stimulus[t]! + noise[t * n + i]!);
    dv[t] = sum;
  }
  return dv;
}

/** Choice 1 when the decision variable plus decision noise is positive; zero-signal trials are rewarded at random. */
function decide(dv: Float64Array, stimulus: Float64Array, random: RandomSource): { choice: Uint8Array; correct: Uint8Array } {
  let squares = 0;
  for (const v of dv) squares += v * v;
  const decisionNoise = 0.5 * Math.sqrt(squares / dv.length);
  const choice = new Uint8Array(dv.length);
  const correct = new Uint8Array(dv.length);
  dv.forEach((v, t) => {
    choice[t] = v + decisionNoise * random.normal() > 0 ? 1 : 0;
    const s = stimulus[t]!;
    correct[t] = s === 0 ? (random.uniform() < 0.5 ? 1 : 0) : (s > 0) === (choice[t] === 1) ? 1 : 0;
  });
  return { choice, correct };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
