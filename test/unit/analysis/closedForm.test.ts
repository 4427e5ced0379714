import { describe, expect, it } from 'vitest';
import { pairInformation, pairRedundancy, populationRedundancy } from '../../../shared/analysis/redundancy';
import { inverseQuadraticForm } from '../../../shared/analysis/linalg';
import {
  fisherBiasCorrected,
  fisherIsEstimable,
  fisherVariance,
  samplingOf,
  trialsNeededFor,
} from '../../../shared/analysis/fisher';

describe('pairwise information and redundancy (closed form)', () => {
  it('gives I_ij = 1.4/0.91 and R_ij = 0.42/0.91 for d = 1, ρ = 0.3', () => {
    expect(pairInformation(1, 1, 0.3)).toBeCloseTo(1.5384615385, 9);
    expect(pairRedundancy(1, 1, 0.3)).toBeCloseTo(0.4615384615, 9);
  });

  it('R_ij equals I_i + I_j − I_ij for any d and ρ', () => {
    for (const [di, dj, rho] of [
      [0.4, -1.3, 0.2],
      [2, 0.5, -0.6],
      [1.1, 1.1, 0.95],
    ] as const) {
      expect(pairRedundancy(di, dj, rho)).toBeCloseTo(di * di + dj * dj - pairInformation(di, dj, rho), 12);
    }
  });

  it('is zero without correlation and negative (synergy) for opposite-signed tuning with positive ρ', () => {
    expect(pairRedundancy(1, 2, 0)).toBe(0);
    expect(pairRedundancy(1, -1, 0.3)).toBeLessThan(0);
  });
});

describe('population information of a homogeneous population', () => {
  // N neurons, equal slopes f, variance σ², pairwise correlation c: I = N f² / (σ² (1 + (N−1) c)).
  const n = 12;
  const f = 0.8;
  const variance = 2.5;
  const c = 0.15;
  const covariance = new Float64Array(n * n).map((_, k) => (Math.floor(k / n) === k % n ? variance : c * variance));
  const slopes = new Float64Array(n).fill(f);

  it('f′ᵀΣ⁻¹f′ matches the closed form', () => {
    expect(inverseQuadraticForm(covariance, n, slopes)).toBeCloseTo((n * f * f) / (variance * (1 + (n - 1) * c)), 10);
  });

  it('redundancy is I_shuffle − I with I_shuffle = N f²/σ²', () => {
    const fisher = inverseQuadraticForm(covariance, n, slopes)!;
    const shuffled = (n * f * f) / variance;
    const { redundancy, redundancyPercent } = populationRedundancy(fisher, shuffled);
    expect(redundancy).toBeCloseTo(shuffled * (1 - 1 / (1 + (n - 1) * c)), 10);
    expect(redundancyPercent).toBeCloseTo(100 * (1 - 1 / (1 + (n - 1) * c)), 8);
  });

  it('a singular covariance is reported as null, not NaN', () => {
    const ones = new Float64Array(4).fill(1);
    expect(inverseQuadraticForm(ones, 2, [1, 1])).toBeNull();
  });
});

describe('bias correction (Kanitscheider et al. 2015)', () => {
  it('inverts the expected bias E[I_naive] = ν/(ν−N−1)(I + N g)', () => {
    const sampling = samplingOf(60, 40, 4);
    const n = 10;
    const truth = 1.7;
    const expectedNaive = (sampling.dof / (sampling.dof - n - 1)) * (truth + n * sampling.g);
    expect(fisherBiasCorrected(expectedNaive, n, sampling)).toBeCloseTo(truth, 12);
  });

  it('needs ν > N + 3 and says how many trials that is', () => {
    expect(fisherIsEstimable(10, 13)).toBe(false);
    expect(fisherIsEstimable(10, 14)).toBe(true);
    expect(trialsNeededFor(10)).toBe(16);
    expect(fisherIsEstimable(10, trialsNeededFor(10) - 2)).toBe(true);
  });

  it('variance follows the published formula', () => {
    const sampling = samplingOf(100, 100, 2);
    const { dof, g } = sampling;
    const n = 20;
    const info = 3;
    const expected = (2 * (info + n * g) ** 2 + (dof - n - 1) * (4 * g * info + 2 * n * g * g)) / (dof - n - 3);
    expect(fisherVariance(info, n, sampling)).toBeCloseTo(expected, 12);
    expect(fisherVariance(-1, n, sampling)).toBeCloseTo(fisherVariance(0, n, sampling), 12);
  });
});
