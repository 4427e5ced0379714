import type { Dataset, Session } from '../dataset/types';
import { inverseQuadraticForm } from '../analysis/linalg';
import { seededRandom, type RandomSource } from '../random/seededRandom';
import { demoModel, DEFAULT_DEMO } from './learningDemo';
import { drawGaussian, noiseCovariance, tuningAt, type PopulationModel } from './population';

/*
 * Two hypotheses of how learning could change a population's shared information (docs/hypotheses.md):
 *
 * feedback / inference (Haefner, Berkes & Fiser 2016; Lange & Haefner 2022): the decision area feeds its
 *   belief back to sensory cortex. Its fluctuations reach every neuron along the task's readout — the
 *   stimulus direction f′ — so task sessions gain a choice-aligned covariance that grows with learning:
 *     Σ_task(s) = Σ0 + σ_g² μμᵀ + ε(s) f′f′ᵀ,   ε(s) = feedback · p(s),   p(s) = learning · s/(S − 1);
 *   passive viewing gets engagement · ε(s). Redundancy (I_shuffle − I) grows in the task; the mean noise
 *   correlation barely moves (f′f′ᵀ is a small, structured term).
 * efficient coding / decorrelation (Barlow 1961; Gutnisky & Dragoi 2008): learning makes neurons'
 *   noise private — the shared part of every covariance shrinks while each neuron's variance stays:
 *     Σ_task(s)_ij = (1 − 0.8 p(s)) Σ_base,ij (i ≠ j),   Σ_task(s)_ii = Σ_base,ii,   Σ_base = Σ0 + σ_g² μμᵀ,
 *   passive viewing with engagement · p(s). The mean noise correlation falls; I_shuffle (variances only)
 *   stays, and I rises as correlations between similarly tuned neurons fade, so redundancy does not rise
 *   — decorrelation and redundancy are different things.
 * Both share a gain g ~ N(0, σ_g²) multiplying every response, r = (1 + g)μ + noise (σ_g² μμᵀ).
 * Σ0 is the demo population's limited-range Poisson-like noise; means are linearised around θ0 (as in the
 * demo), so each frame's I, I_shuffle and I_red are exact (hypothesisTruth).
 */

export type HypothesisModel = 'feedback' | 'efficient';

export interface HypothesisOptions {
  readonly model: HypothesisModel;
  readonly seed: number;
  readonly neurons: number;
  readonly sessions: number;
  /** Trials at each of −c and +c (c = 2° and 4°), plus zero-signal trials. */
  readonly trialsPerSide: number;
  readonly zeroSignalTrials: number;
  /** How far learning gets by the last session, 0…1 (p at the last session). */
  readonly learning: number;
  /** ε at full learning (deg²): the feedback model's choice-aligned covariance ε f′f′ᵀ. */
  readonly feedback: number;
  /** σ_g before learning: SD of the shared gain, as a fraction of the mean response. */
  readonly sharedGain: number;
  /** How much of the task's change passive viewing also gets, 0…1. */
  readonly engagement: number;
}

/** Each parameter in plain words with its symbol, default and range (the explorer's sliders, `chorus simulate --list`). */
export const HYPOTHESIS_PARAMETERS = [
  { key: 'learning', symbol: 'p', label: 'Learning', meaning: 'how far learning gets by the last session (0 = none, 1 = fully learned); decorrelation model: how much shared noise it removes', min: 0, max: 1, step: 0.05 },
  { key: 'feedback', symbol: 'ε', label: 'Feedback strength', meaning: "feedback model: the choice-aligned covariance ε f′f′ᵀ at full learning (deg²)", min: 0, max: 6, step: 0.1 },
  { key: 'sharedGain', symbol: 'σ_g', label: 'Shared gain (correlation)', meaning: 'SD of a gain shared by every neuron (fraction of the mean response): how correlated the noise is before learning', min: 0, max: 0.3, step: 0.01 },
  { key: 'engagement', symbol: 'e', label: 'Passive engagement', meaning: "how much of the task's change passive viewing also gets (0 = none)", min: 0, max: 1, step: 0.05 },
  { key: 'neurons', symbol: 'N', label: 'Neurons', meaning: 'neurons recorded', min: 10, max: 200, step: 10 },
  { key: 'trialsPerSide', symbol: 'T', label: 'Trials per side', meaning: 'trials at each of −c and +c per signal level and session', min: 20, max: 200, step: 10 },
  { key: 'sessions', symbol: 'S', label: 'Sessions', meaning: 'learning sessions (each recorded in the task and in passive viewing)', min: 2, max: 20, step: 1 },
] as const;

export type HypothesisParameter = (typeof HYPOTHESIS_PARAMETERS)[number]['key'];

export const DEFAULT_HYPOTHESIS: HypothesisOptions = {
  model: 'feedback',
  seed: 1,
  neurons: 60,
  sessions: 8,
  trialsPerSide: 80,
  zeroSignalTrials: 40,
  learning: 1,
  feedback: 3,
  sharedGain: 0.12,
  engagement: 0,
};

const LEVELS = [2, 4] as const;
const THETA0 = 45;
const WINDOW_S = 0.5;
/** The share of the covariance between neurons that full learning removes in the decorrelation model. */
const DECORRELATION = 0.8;

/** The options with every value clamped to its range and whole numbers where they must be. */
export function hypothesisOptions(overrides: Partial<HypothesisOptions> = {}): HypothesisOptions {
  const options = { ...DEFAULT_HYPOTHESIS, ...overrides };
  const clamped = { ...options } as Record<string, unknown>;
  for (const p of HYPOTHESIS_PARAMETERS) {
    const value = Number(options[p.key]);
    const within = Math.min(p.max, Math.max(p.min, Number.isFinite(value) ? value : DEFAULT_HYPOTHESIS[p.key]));
    clamped[p.key] = p.step >= 1 ? Math.round(within) : within;
  }
  return clamped as unknown as HypothesisOptions;
}

function population(options: HypothesisOptions): PopulationModel {
  return demoModel({ ...DEFAULT_DEMO, seed: options.seed, neurons: options.neurons }).model;
}

/** Learning progress p(s) of one session, the part passive viewing gets scaled by engagement. */
function progress(options: HypothesisOptions, condition: 'task' | 'passive', session: number): number {
  const p = options.sessions > 1 ? (options.learning * session) / (options.sessions - 1) : 0;
  return condition === 'task' ? p : options.engagement * p;
}

/** Mean, slope (per degree) and noise covariance of one (condition, session), in spikes per window. */
export function hypothesisFrame(options: HypothesisOptions, model: PopulationModel, condition: 'task' | 'passive', session: number) {
  const rates = tuningAt(model, THETA0, 1);
  const mean = rates.mean.map((r) => r * WINDOW_S);
  const slope = rates.slope.map((r) => r * WINDOW_S);
  const p = progress(options, condition, session);
  const epsilon = options.model === 'feedback' ? options.feedback * p : 0;
  const shared = options.model === 'efficient' ? 1 - DECORRELATION * p : 1;
  const covariance = noiseCovariance(model, mean, slope, epsilon);
  const n = mean.length;
  const gain = options.sharedGain;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      covariance[i * n + j]! += gain * gain * mean[i]! * mean[j]!;
      if (i !== j) covariance[i * n + j]! *= shared;
    }
  }
  return { mean, slope, covariance };
}

export interface HypothesisTruth {
  readonly condition: 'task' | 'passive';
  readonly session: number;
  readonly fisher: number;
  readonly fisherShuffled: number;
  readonly redundancy: number;
  readonly meanNoiseCorrelation: number;
}

/** Exact I, I_shuffle, I_red and mean noise correlation (Fisher-z mean) of every frame of the model. */
export function hypothesisTruth(overrides: Partial<HypothesisOptions> = {}): HypothesisTruth[] {
  const options = hypothesisOptions(overrides);
  const model = population(options);
  const out: HypothesisTruth[] = [];
  for (let session = 0; session < options.sessions; session++) {
    for (const condition of ['task', 'passive'] as const) {
      const { slope, covariance } = hypothesisFrame(options, model, condition, session);
      const n = slope.length;
      const fisher = inverseQuadraticForm(covariance, n, slope)!;
      let fisherShuffled = 0;
      let z = 0;
      for (let i = 0; i < n; i++) {
        fisherShuffled += slope[i]! ** 2 / covariance[i * n + i]!;
        for (let j = i + 1; j < n; j++) z += Math.atanh(covariance[i * n + j]! / Math.sqrt(covariance[i * n + i]! * covariance[j * n + j]!));
      }
      out.push({ condition, session, fisher, fisherShuffled, redundancy: fisherShuffled - fisher, meanNoiseCorrelation: Math.tanh(z / ((n * (n - 1)) / 2)) });
    }
  }
  return out;
}

/** A seeded Chorus dataset from one hypothesis: every session in the task and in passive viewing, one epoch. */
export function simulateHypothesis(overrides: Partial<HypothesisOptions> = {}): Dataset {
  const options = hypothesisOptions(overrides);
  const model = population(options);
  const { neurons } = demoModel({ ...DEFAULT_DEMO, seed: options.seed, neurons: options.neurons });
  const random = seededRandom(options.seed * 104_729 + (options.model === 'feedback' ? 1 : 2));
  const sessions: Session[] = [];
  for (let session = 0; session < options.sessions; session++) {
    for (const condition of ['task', 'passive'] as const) sessions.push(simulateSession(options, model, random, condition, session));
  }
  const name = options.model === 'feedback' ? 'feedback (inference)' : 'efficient coding (decorrelation)';
  return { name: `Hypothesis: ${name}, seed ${options.seed}`, responseUnit: 'spikes', stimulusUnit: 'deg', matching: 'channel', neurons, sessions };
}

function simulateSession(options: HypothesisOptions, model: PopulationModel, random: RandomSource, condition: 'task' | 'passive', session: number): Session {
  const n = options.neurons;
  const stimulus: number[] = [];
  for (const c of LEVELS) for (let k = 0; k < options.trialsPerSide; k++) stimulus.push(-c, c);
  for (let k = 0; k < options.zeroSignalTrials; k++) stimulus.push(0);
  const frame = hypothesisFrame(options, model, condition, session);
  const noise = drawGaussian(random, new Float64Array(n), frame.covariance, stimulus.length);
  const responses = new Float32Array(stimulus.length * n);
  // Choices from a readout Σ (f′_i/μ_i)(r_i − μ_i) plus decision noise half its spread (as the demo's).
  const decision = stimulus.map((s, t) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const value = frame.mean[i]! + frame.slope[i]! * s + noise[t * n + i]!;
      responses[t * n + i] = value;
      sum += (frame.slope[i]! / frame.mean[i]!) * (value - frame.mean[i]!);
    }
    return sum;
  });
  const spread = Math.sqrt(decision.reduce((sum, v) => sum + v * v, 0) / decision.length);
  const choice = Uint8Array.from(decision, (v) => (v + 0.5 * spread * random.normal() > 0 ? 1 : 0));
  return {
    id: `s${String(session + 1).padStart(2, '0')}-${condition}`,
    order: session + 1,
    condition,
    epochs: [{ name: 'stimulus', start: 0, end: WINDOW_S }],
    trialCount: stimulus.length,
    stimulus: Float64Array.from(stimulus),
    choice: condition === 'task' ? choice : null,
    correct: null,
    present: new Uint8Array(n).fill(1),
    responses,
  };
}
