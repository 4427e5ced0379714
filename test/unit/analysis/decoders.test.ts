import { describe, expect, it } from 'vitest';
import { diagonalDecoderInformation, projectedInformation } from '../../../shared/analysis/decoders';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { inverseQuadraticForm } from '../../../shared/analysis/linalg';
import type { LevelStatistics } from '../../../shared/analysis/levelStatistics';
import { resolveSettings } from '../../../shared/analysis/settings';
import { noiseCovariance, tuningAt } from '../../../shared/simulate/population';
import { syntheticDataset, syntheticModel, syntheticTruth } from '../../helpers/syntheticDataset';

/** A level with exactly this f′ and Σ, as if estimated from `dof` degrees of freedom with g = `g`. */
function exactLevel(fPrime: Float64Array, covariance: Float64Array, dof: number, g: number): LevelStatistics {
  const discrimination = { label: '±1', low: -1, high: 1, lowTrials: [], highTrials: [], ds: 2 };
  return { discrimination, fPrime, covariance, sampling: { dof, g }, source: 'pooled' };
}

/** The model's true I_diag = (Σ d²)² / dᵀRd at θ0 = 45° with differential correlations ε. */
function diagonalTruth(neurons: number, epsilon: number): number {
  const { mean, slope } = tuningAt(syntheticModel(neurons), 45, 1);
  const sigma = noiseCovariance(syntheticModel(neurons), mean, slope, epsilon);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < neurons; i++) {
    numerator += slope[i]! ** 2 / sigma[i * neurons + i]!;
    for (let j = 0; j < neurons; j++) denominator += (slope[i]! * slope[j]! * sigma[i * neurons + j]!) / (sigma[i * neurons + i]! * sigma[j * neurons + j]!);
  }
  return numerator ** 2 / denominator;
}

const all = (n: number) => Int32Array.from({ length: n }, (_, k) => k);

describe('the diagonal decoder I_diag (closed forms)', () => {
  it('equals I for a homogeneous population, where ignoring the (uniform) correlations loses nothing', () => {
    const [n, f, variance, c] = [12, 0.8, 2.5, 0.15];
    const covariance = new Float64Array(n * n).map((_, k) => (Math.floor(k / n) === k % n ? variance : c * variance));
    const fPrime = new Float64Array(n).fill(f);
    // ν → ∞ and g = 0: the corrections vanish and the plug-in is the truth, N f²/(σ²(1 + (N−1)c)).
    const diagonal = diagonalDecoderInformation(exactLevel(fPrime, covariance, 1e12, 0), n, all(n))!;
    expect(diagonal).toBeCloseTo((n * f * f) / (variance * (1 + (n - 1) * c)), 9);
    expect(diagonal).toBeCloseTo(inverseQuadraticForm(covariance, n, fPrime)!, 9);
  });

  it('is below I when tuning is heterogeneous, and equals (Σd²)²/dᵀRd for two neurons', () => {
    // d = (1, 2), ρ = 0.5: (1 + 4)² / (1 + 4 + 2·0.5·2) = 25/7; I = (d₁² + d₂² − 2ρd₁d₂)/(1 − ρ²) = 4.
    const covariance = Float64Array.from([1, 0.5, 0.5, 1]);
    const fPrime = Float64Array.from([1, 2]);
    const diagonal = diagonalDecoderInformation(exactLevel(fPrime, covariance, 1e12, 0), 2, all(2))!;
    expect(diagonal).toBeCloseTo(25 / 7, 9);
    expect(inverseQuadraticForm(covariance, 2, fPrime)).toBeCloseTo(4, 9);
  });

  it('subtracts g from each neuron and g ρ² from each pair, and scales by (ν − 2)/ν', () => {
    const covariance = Float64Array.from([1, 0.5, 0.5, 1]);
    const fPrime = Float64Array.from([1, 2]);
    const [dof, g] = [40, 0.05];
    const shrink = (dof - 2) / dof;
    const numerator = shrink * 5 - 2 * g;
    const denominator = numerator + 2 * (shrink * 2 * 0.5 - g * 0.25);
    expect(diagonalDecoderInformation(exactLevel(fPrime, covariance, dof, g), 2, all(2))).toBeCloseTo(numerator ** 2 / denominator, 12);
  });
});

describe('the one-dimensional held-out information', () => {
  it('is the one-neuron bias-corrected estimate of the projections', () => {
    const low = [0, 1, 2, 3];
    const high = [2, 3, 4, 5, 6];
    // means 1.5 and 4; pooled variance (5 + 10)/7; ds = 0.5; ν = 7.
    const naive = (2.5 / 0.5) ** 2 / (15 / 7);
    expect(projectedInformation(low, high, 0.5)).toBeCloseTo((naive * 5) / 7 - (1 / 4 + 1 / 5) / 0.25, 12);
    expect(projectedInformation([1, 1], [2, 2], 1)).toBeNull();
  });
});

describe('decoder checks from known truth (simulation)', () => {
  const settings = resolveSettings({ intervalDraws: 0, subsets: 0, shuffles: 0, permutations: 0, covariance: 'pooled', decoderFolds: 5 });

  it('I_diag is unbiased to a few percent and the cross-validated decoder stays below I', () => {
    const [neurons, epsilon, frames] = [20, 0.1, 30];
    const truth = syntheticTruth(neurons, epsilon);
    const diagonal: number[] = [];
    const crossValidated: number[] = [];
    for (let k = 0; k < frames; k++) {
      const dataset = syntheticDataset({ neurons, trialsPerSide: 200, levels: [2], epsilon, seed: 500 + k });
      const { decoders } = analyzeFrame(dataset, 0, 0, settings);
      diagonal.push(decoders!.diagonal!);
      crossValidated.push(decoders!.crossValidated!);
    }
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    const error = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + (v - mean(values)) ** 2, 0) / (values.length - 1) / values.length);
    const diagonalTrue = diagonalTruth(neurons, epsilon);
    expect(diagonalTrue).toBeLessThan(truth.fisher);
    expect(Math.abs(mean(diagonal) - diagonalTrue)).toBeLessThan(3 * error(diagonal) + 0.01 * diagonalTrue);
    // A lower bound in expectation, and not a vacuous one: most of I is found on held-out trials.
    expect(mean(crossValidated)).toBeLessThan(truth.fisher);
    expect(mean(crossValidated)).toBeGreaterThan(0.6 * truth.fisher);
  });

  it('finds no information where there is none: the held-out estimate is unbiased at zero', () => {
    const values: number[] = [];
    for (let k = 0; k < 40; k++) {
      // ε = 10⁶ makes the differential correlations swamp the signal: I ≈ 1/ε.
      const dataset = syntheticDataset({ neurons: 8, trialsPerSide: 30, levels: [2], epsilon: 1e6, seed: 900 + k });
      values.push(analyzeFrame(dataset, 0, 0, settings).decoders!.crossValidated!);
    }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const error = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) / values.length);
    expect(Math.abs(mean)).toBeLessThan(3 * error);
    expect(error).toBeGreaterThan(0);
  });

  it('is left out, with nulls, where a class has fewer than 3 trials per fold', () => {
    const dataset = syntheticDataset({ neurons: 4, trialsPerSide: 14, levels: [2], epsilon: 0.1, seed: 3 });
    expect(analyzeFrame(dataset, 0, 0, settings).decoders!.crossValidated).toBeNull();
    const enough = syntheticDataset({ neurons: 4, trialsPerSide: 15, levels: [2], epsilon: 0.1, seed: 3 });
    expect(analyzeFrame(enough, 0, 0, settings).decoders!.crossValidated).not.toBeNull();
  });
});
