import { describe, expect, it } from 'vitest';
import { chiSquareDraw, seededRandom } from '../../../shared/random/seededRandom';
import { combineLevelEstimates, fisherDraws, sharedCovarianceTerm } from '../../../shared/analysis/fisherSampling';
import { fisherVariance, samplingOf } from '../../../shared/analysis/fisher';
import { differenceInterval } from '../../../shared/analysis/populationIntervals';

const mean = (values: Float64Array) => values.reduce((s, v) => s + v, 0) / values.length;
const variance = (values: Float64Array) => {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
};

/** Each level's I_bc of every draw at the information I. */
function estimatesAt(I: number, levels: { dof: number; g: number }[], neurons: number, shared: boolean, count: number, seed: number): Float64Array[] {
  const draws = fisherDraws(levels, neurons, shared, seededRandom(seed), count);
  return levels.map(({ dof, g }, l) =>
    Float64Array.from({ length: count }, (_, d) => (dof - neurons - 1) * (I * draws.alpha[l]![d]! + 2 * Math.sqrt(I * g) * draws.beta[l]![d]! + g * draws.gamma[l]![d]!) - neurons * g),
  );
}

describe('the exact Gaussian law of I_bc, drawn in a small subspace', () => {
  it('χ² draws have mean k and variance 2k', () => {
    const random = seededRandom(3);
    for (const dof of [0.5, 3, 40, 400]) {
      const draws = Float64Array.from({ length: 40_000 }, () => chiSquareDraw(random, dof));
      expect(mean(draws) / dof).toBeCloseTo(1, 1);
      expect(variance(draws) / (2 * dof)).toBeGreaterThan(0.95);
      expect(variance(draws) / (2 * dof)).toBeLessThan(1.05);
    }
  });

  for (const [neurons, dof, shared] of [
    [1, 30, false],
    [12, 40, false],
    [60, 90, true],
    [3, 16, true],
  ] as const) {
    it(`is unbiased and has Kanitscheider's variance (N = ${neurons}, ν = ${dof}, ${shared ? 'one shared Σ̂' : 'own Σ̂'})`, () => {
      const I = 7;
      const levels = [samplingOf(dof / 2 + 1, dof / 2 + 1, 2), { dof, g: 0.05 }];
      const estimates = estimatesAt(I, levels, neurons, shared, 60_000, 5);
      levels.forEach((level, l) => {
        const expected = fisherVariance(I, neurons, level);
        expect(Math.abs(mean(estimates[l]!) - I)).toBeLessThan(4 * Math.sqrt(expected / 60_000));
        expect(variance(estimates[l]!) / expected).toBeGreaterThan(0.9);
        expect(variance(estimates[l]!) / expected).toBeLessThan(1.1);
      });
      // Levels with their own Σ̂ are independent; levels sharing one covary as the inverse Wishart's moments say.
      const [a, b] = estimates as [Float64Array, Float64Array];
      const [ma, mb] = [mean(a), mean(b)];
      const covariance = a.reduce((s, v, d) => s + (v - ma) * (b[d]! - mb), 0) / (a.length - 1);
      const predicted = shared ? sharedCovarianceTerm(I, neurons, dof, levels[0]!.g, levels[1]!.g) : 0;
      const se = Math.sqrt((variance(a) * variance(b)) / a.length);
      // Near ν = N + 4 the estimates' tails are heavy and a sample covariance settles slowly: 5 s.e. or 10%, whichever is larger.
      expect(Math.abs(covariance - predicted)).toBeLessThan(Math.max(5 * se, 0.1 * Math.abs(predicted)));
    });
  }

  it('combines levels with weights from the combined value: a level\'s own estimate does not move its weight', () => {
    const levels = [samplingOf(20, 20, 1), samplingOf(20, 20, 4)];
    const low = combineLevelEstimates([2, 5], levels, 10);
    const high = combineLevelEstimates([8, 5], levels, 10);
    // Same design, the second level's estimate alone changed: the weights follow the combined value only.
    expect(low.weights[0]! + low.weights[1]!).toBeCloseTo(1, 12);
    expect(low.value).toBeCloseTo(low.weights[0]! * 2 + low.weights[1]! * 5, 12);
    expect(high.value).toBeGreaterThan(low.value);
    // At the fixed point the weights are 1/Var at the value itself.
    const ratio = fisherVariance(high.value, 10, levels[1]!) / fisherVariance(high.value, 10, levels[0]!);
    expect(high.weights[0]! / high.weights[1]!).toBeCloseTo(ratio, 9);
  });

  it('MOVER: with symmetric intervals and r = 0 it is the usual ± √(a² + b²); a skewed side stays skewed', () => {
    const symmetric = differenceInterval({ estimate: 5, low: 2, high: 8 }, { estimate: 1, low: -3, high: 5 }, 0);
    expect(symmetric.low).toBeCloseTo(4 - 5, 12);
    expect(symmetric.high).toBeCloseTo(4 + 5, 12);
    const skewed = differenceInterval({ estimate: 5, low: 4, high: 6 }, { estimate: 3, low: 2.5, high: 9 }, 0.3);
    expect(2 - skewed.low).toBeGreaterThan(skewed.high - 2);
  });
});
