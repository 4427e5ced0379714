import type { FrameData } from './frameData';
import { fisherBiasCorrected, samplingOf } from './fisher';
import type { LevelStatistics } from './levelStatistics';
import type { PopulationDetail } from './populationFisher';

/*
 * Decoder checks beside I_bc (README, "Decoder checks"): what two concrete linear readouts get out of the
 * same trials.
 * - I_diag, the information of the decoder that ignores noise correlations (w = D⁻¹f′, D = diag Σ):
 *     I_diag = (f′ᵀD⁻¹f′)² / (f′ᵀD⁻¹ΣD⁻¹f′) = (Σ d_i²)² / (Σ_ij d_i d_j ρ_ij),   d_i = f′_i/σ_i.
 *   Estimated with both sums corrected to first order: the numerator's Σ d_i² is I_shuffle (each d_i²
 *   corrected as (ν−2)/ν d̂_i² − g); each off-diagonal term as (ν−2)/ν d̂_i d̂_j ρ̂_ij − g ρ̂_ij² (f̂′'s own
 *   noise, g Σ, adds g ρ_ij² in expectation). I_diag ≤ I; the gap is what knowing the correlations buys.
 * - A cross-validated logistic decoder: trained on k − 1 folds (standardised responses, Nesterov
 *   gradient descent on the logistic loss, stopped early where a held-back fifth of the training trials
 *   stops improving), applied to the held-out fold, whose projections give a one-dimensional
 *   bias-corrected information. Any fixed readout's information is at most I, and the held-out trials are
 *   independent of the readout, so the mean over folds is a lower bound on I in expectation — a check
 *   that needs no Gaussian model.
 * Folds are fixed by each trial's position within its class (position mod k), so the check is
 * deterministic and reproducible by test/helpers/numpy_reference.py.
 */

export interface DecoderLevel {
  readonly label: string;
  readonly diagonal: number | null;
  readonly crossValidated: number | null;
}

export interface DecoderChecks {
  /** I_diag combined over levels with the population's weights; null where its denominator is not positive. */
  readonly diagonal: number | null;
  /** The logistic decoder's held-out information, combined the same way; null when no level has 3k trials per class. */
  readonly crossValidated: number | null;
  readonly folds: number;
  readonly levels: readonly DecoderLevel[];
}

export const DECODER_METHOD_TEXT =
  'I_diag: correlation-blind decoder, first-order bias-corrected plug-in; logistic: trained on k − 1 folds with early stopping, information of its held-out projections (a lower bound on I)';

/** Gradient steps at most, and steps without a better held-back loss before stopping. */
const MAX_STEPS = 500;
const PATIENCE = 25;
/** A little L2 keeps separable classes' weights finite; early stopping does the real regularising. */
const RIDGE = 1e-4;

export function decoderChecks(frame: FrameData, levels: readonly LevelStatistics[], detail: PopulationDetail, folds: number): DecoderChecks {
  const n = frame.neurons.length;
  const perLevel = detail.usable.map((l) => {
    const level = levels[l]!;
    return {
      label: level.discrimination.label,
      diagonal: diagonalDecoderInformation(level, n, detail.positions),
      crossValidated: crossValidatedInformation(frame, detail.positions, level, folds),
    };
  });
  const combine = (pick: (level: DecoderLevel) => number | null): number | null => {
    let total = 0;
    let weight = 0;
    perLevel.forEach((level, k) => {
      const value = pick(level);
      if (value === null) return;
      total += detail.weights[k]! * value;
      weight += detail.weights[k]!;
    });
    return weight > 0 ? total / weight : null;
  };
  return { diagonal: combine((l) => l.diagonal), crossValidated: combine((l) => l.crossValidated), folds, levels: perLevel };
}

/** I_diag of one level over the neurons `positions` (see the top of this file). */
export function diagonalDecoderInformation(level: LevelStatistics, n: number, positions: Int32Array): number | null {
  const { dof, g } = level.sampling;
  const shrink = (dof - 2) / dof;
  const size = positions.length;
  const d = new Float64Array(size);
  const sd = new Float64Array(size);
  for (let a = 0; a < size; a++) {
    const p = positions[a]!;
    sd[a] = Math.sqrt(level.covariance[p * n + p]!);
    d[a] = sd[a]! > 0 ? level.fPrime[p]! / sd[a]! : 0;
  }
  let shuffled = 0;
  let denominator = 0;
  for (let a = 0; a < size; a++) {
    const single = fisherBiasCorrected(d[a]! ** 2, 1, level.sampling);
    shuffled += single;
    denominator += single;
    for (let b = 0; b < size; b++) {
      if (b === a || sd[a] === 0 || sd[b] === 0) continue;
      const rho = level.covariance[positions[a]! * n + positions[b]!]! / (sd[a]! * sd[b]!);
      denominator += shrink * d[a]! * d[b]! * rho - g * rho * rho;
    }
  }
  if (!(denominator > 0)) return null;
  return Math.max(shuffled, 0) ** 2 / denominator;
}

/**
 * The logistic decoder's held-out information for one level (mean over folds), or null when a class has
 * fewer than 3 trials per fold (a fold's one-dimensional correction needs ν = T_test − 2 > 2).
 */
export function crossValidatedInformation(frame: FrameData, positions: Int32Array, level: LevelStatistics, folds: number): number | null {
  const { lowTrials, highTrials, ds } = level.discrimination;
  if (folds < 2 || Math.min(lowTrials.length, highTrials.length) < 3 * folds) return null;
  const size = positions.length;
  const m = frame.trials;
  const row = (trial: number): Float64Array => Float64Array.from(positions, (p) => frame.values[p * m + trial]!);
  const classes = [lowTrials.map(row), highTrials.map(row)];
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < folds; k++) {
    const fit: { x: Float64Array; y: number }[] = [];
    const heldBack: { x: Float64Array; y: number }[] = [];
    const test: Float64Array[][] = [[], []];
    classes.forEach((trials, y) => {
      let training = 0;
      trials.forEach((x, position) => {
        if (position % folds === k) test[y]!.push(x);
        else (training++ % 5 === 4 ? heldBack : fit).push({ x, y });
      });
    });
    const { centre, scale } = standardisation(fit.map((t) => t.x), size);
    const standardise = (x: Float64Array) => Float64Array.from(x, (v, j) => (v - centre[j]!) * scale[j]!);
    const weights = fitLogistic(
      fit.map((t) => ({ x: standardise(t.x), y: t.y })),
      heldBack.map((t) => ({ x: standardise(t.x), y: t.y })),
      size,
    );
    const project = (x: Float64Array) => {
      const z = standardise(x);
      let s = weights[size]!;
      for (let j = 0; j < size; j++) s += weights[j]! * z[j]!;
      return s;
    };
    const information = projectedInformation(test[0]!.map(project), test[1]!.map(project), ds);
    if (information === null) continue;
    sum += information;
    counted++;
  }
  return counted > 0 ? sum / counted : null;
}

function standardisation(rows: readonly Float64Array[], size: number): { centre: Float64Array; scale: Float64Array } {
  const centre = new Float64Array(size);
  const scale = new Float64Array(size);
  for (const x of rows) for (let j = 0; j < size; j++) centre[j]! += x[j]! / rows.length;
  for (const x of rows) for (let j = 0; j < size; j++) scale[j]! += (x[j]! - centre[j]!) ** 2 / (rows.length - 1);
  // A neuron constant on the training trials carries nothing the decoder can learn: weight it 0.
  for (let j = 0; j < size; j++) scale[j] = scale[j]! > 0 ? 1 / Math.sqrt(scale[j]!) : 0;
  return { centre, scale };
}

/** Mean logistic loss of labels y ∈ {0, 1} under weights (last entry: the intercept), computed stably. */
function logisticLoss(trials: readonly { x: Float64Array; y: number }[], weights: Float64Array, size: number): number {
  let loss = 0;
  for (const { x, y } of trials) {
    let s = weights[size]!;
    for (let j = 0; j < size; j++) s += weights[j]! * x[j]!;
    const margin = y === 1 ? s : -s;
    loss += Math.max(-margin, 0) + Math.log1p(Math.exp(-Math.abs(margin)));
  }
  return loss / trials.length;
}

/**
 * Nesterov-accelerated gradient descent on the ridge-penalised logistic loss, step 1/L with L from the
 * largest eigenvalue of the standardised design (power iteration), kept at the step whose held-back loss
 * was lowest and stopped after PATIENCE steps without a better one.
 */
export function fitLogistic(fit: readonly { x: Float64Array; y: number }[], heldBack: readonly { x: Float64Array; y: number }[], size: number): Float64Array {
  const dimension = size + 1;
  const step = 1 / (0.25 * largestEigenvalue(fit, size) + RIDGE);
  const weights = new Float64Array(dimension);
  const ahead = new Float64Array(dimension);
  const best = Float64Array.from(weights);
  let bestLoss = logisticLoss(heldBack, weights, size);
  let bestStep = 0;
  const gradient = new Float64Array(dimension);
  for (let t = 1; t <= MAX_STEPS && t - bestStep <= PATIENCE; t++) {
    gradient.fill(0);
    for (const { x, y } of fit) {
      let s = ahead[size]!;
      for (let j = 0; j < size; j++) s += ahead[j]! * x[j]!;
      // The mean's 1/T taken into the residual: one multiply per weight in the hot loop, not a divide.
      const residual = (1 / (1 + Math.exp(-s)) - y) / fit.length;
      for (let j = 0; j < size; j++) gradient[j]! += residual * x[j]!;
      gradient[size]! += residual;
    }
    for (let j = 0; j < size; j++) gradient[j]! += RIDGE * ahead[j]!;
    // In place: next = ahead − step·∇, ahead = next + momentum·(next − weights), weights = next.
    const momentum = (t - 1) / (t + 2);
    for (let j = 0; j < dimension; j++) {
      const next = ahead[j]! - step * gradient[j]!;
      ahead[j] = next + momentum * (next - weights[j]!);
      weights[j] = next;
    }
    const loss = logisticLoss(heldBack, weights, size);
    if (loss < bestLoss - 1e-12 * Math.abs(bestLoss)) {
      bestLoss = loss;
      best.set(weights);
      bestStep = t;
    }
  }
  return best;
}

/** Largest eigenvalue of XᵀX / T for the design with an intercept column (power iteration, 50 steps from ones). */
function largestEigenvalue(fit: readonly { x: Float64Array }[], size: number): number {
  let vector = new Float64Array(size + 1).fill(1 / Math.sqrt(size + 1));
  let value = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const product = new Float64Array(size + 1);
    for (const { x } of fit) {
      let s = vector[size]!;
      for (let j = 0; j < size; j++) s += vector[j]! * x[j]!;
      s /= fit.length;
      for (let j = 0; j < size; j++) product[j]! += s * x[j]!;
      product[size]! += s;
    }
    let squares = 0;
    for (const v of product) squares += v * v;
    value = Math.sqrt(squares);
    if (!(value > 0)) return 1;
    vector = product.map((v) => v / value);
  }
  return value;
}

/**
 * One-dimensional bias-corrected information of projections: ((m₊ − m₋)/ds)² / s², pooled s² (ddof per
 * class), corrected as for one neuron: × (ν−2)/ν − (1/T₋ + 1/T₊)/ds², ν = T₋ + T₊ − 2.
 */
export function projectedInformation(low: readonly number[], high: readonly number[], ds: number): number | null {
  const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const [lowMean, highMean] = [mean(low), mean(high)];
  const dof = low.length + high.length - 2;
  let squares = 0;
  for (const v of low) squares += (v - lowMean) ** 2;
  for (const v of high) squares += (v - highMean) ** 2;
  const variance = squares / dof;
  if (!(variance > 0) || dof <= 2) return null;
  return fisherBiasCorrected(((highMean - lowMean) / ds) ** 2 / variance, 1, samplingOf(low.length, high.length, ds));
}
