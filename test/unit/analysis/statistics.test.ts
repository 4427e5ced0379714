import { describe, expect, it } from 'vitest';
import { averageRanks, choiceProbabilities, choiceProbabilityFromReadoutCorrelation, rocArea } from '../../../shared/analysis/choiceProbability';
import { benjaminiHochberg, centralInterval, pairedSignFlipTest } from '../../../shared/analysis/stats';
import { channelInformation, gaussianMutualInformation, mmiRedundancy } from '../../../shared/analysis/information';
import { discriminations, isSignedDesign } from '../../../shared/analysis/discrimination';
import { chooseCovariance } from '../../../shared/analysis/levelStatistics';
import { seededRandom } from '../../../shared/random/seededRandom';

describe('ROC area and ranks', () => {
  it('counts ties as one half', () => {
    expect(rocArea([1, 2, 3], [0, 0, 0])).toBe(1);
    expect(rocArea([5, 5], [5, 5])).toBe(0.5);
    expect(rocArea([1, 2], [2, 3])).toBeCloseTo(0.125, 12);
  });

  it('gives tied values their mean rank', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30]))).toEqual([1.5, 3, 1.5, 4]);
  });
});

describe('choice probability', () => {
  it('matches ½ + (2/π) arcsin(ρ/√2) under a linear readout (Haefner et al. 2013)', () => {
    const random = seededRandom(7);
    const trials = 20000;
    const n = 4;
    const weights = [1, 0.5, -0.7, 0];
    const values = new Float64Array(n * trials);
    const dv = new Float64Array(trials);
    for (let t = 0; t < trials; t++) {
      const shared = random.normal();
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const r = 0.5 * shared + random.normal();
        values[k * trials + t] = r;
        sum += weights[k]! * r;
      }
      dv[t] = sum + 0.8 * random.normal();
    }
    const choice = Uint8Array.from(dv, (v) => (v > 0 ? 1 : 0));
    const result = choiceProbabilities(values, n, trials, new Float64Array(trials), choice, new Uint8Array(n).fill(1), 0, random);
    if ('reason' in result) throw new Error(result.reason);
    for (let k = 0; k < n; k++) {
      const r = Array.from(values.subarray(k * trials, (k + 1) * trials));
      const rho = correlation(r, Array.from(dv));
      expect(result.grand[k]).toBeCloseTo(choiceProbabilityFromReadoutCorrelation(rho), 1.7);
    }
  });

  it('says CP is undefined when every trial has the same choice', () => {
    const result = choiceProbabilities(Float64Array.from([1, 2, 3, 4]), 1, 4, new Float64Array(4), new Uint8Array(4).fill(1), Uint8Array.of(1), 10, seededRandom(1));
    expect(result).toEqual({ reason: 'CP undefined: every trial has the same choice (1)' });
  });

  it('permutation p is small for a choice-related neuron and large for an unrelated one', () => {
    const random = seededRandom(3);
    const trials = 400;
    const choice = Uint8Array.from({ length: trials }, (_, t) => t % 2);
    const values = new Float64Array(2 * trials);
    for (let t = 0; t < trials; t++) {
      values[t] = choice[t]! * 0.8 + random.normal();
      values[trials + t] = random.normal();
    }
    const result = choiceProbabilities(values, 2, trials, new Float64Array(trials), choice, Uint8Array.of(1, 1), 500, random);
    if ('reason' in result) throw new Error(result.reason);
    expect(result.p![0]).toBeLessThan(0.01);
    expect(result.p![1]).toBeGreaterThan(0.01);
    expect(result.p![0]).toBeGreaterThanOrEqual(1 / 501);
  });
});

describe('statistics', () => {
  it('Benjamini–Hochberg calls the k smallest with p_(k) ≤ kq/m', () => {
    expect(Array.from(benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.05))).toEqual([1, 1, 1, 1]);
    expect(Array.from(benjaminiHochberg([0.02, 0.5, 0.03], 0.05))).toEqual([1, 0, 1]);
    expect(Array.from(benjaminiHochberg([0.2, 0.5, 0.9], 0.05))).toEqual([0, 0, 0]);
  });

  it('paired sign-flip test is exact for few pairs', () => {
    expect(pairedSignFlipTest([1, 2, 3], 1000, seededRandom(1))).toEqual({ meanDifference: 2, p: 0.25, pairs: 3 });
  });

  it('central intervals interpolate quantiles', () => {
    expect(centralInterval([1, 2, 3, 4, 5], 0.5)).toEqual({ median: 3, low: 2, high: 4 });
  });
});

describe('information measures', () => {
  it('Gaussian noise MI, channel information and MMI follow their formulas', () => {
    expect(gaussianMutualInformation(0.6)).toBeCloseTo(-0.5 * Math.log(0.64), 12);
    expect(gaussianMutualInformation(0)).toBe(0);
    expect(channelInformation(2, 3)).toBeCloseTo(0.5 * Math.log(7), 12);
    expect(channelInformation(-1, 3)).toBe(0);
    expect(mmiRedundancy(0.4, 0.2)).toBe(0.2);
  });
});

describe('discrimination designs', () => {
  it('signed designs pair −c with +c; orientation designs use adjacent values or the chosen pair', () => {
    const signed = Float64Array.from([-4, 4, -2, 2, 0, -4, 4, -2, 2, 0]);
    expect(isSignedDesign(signed)).toBe(true);
    expect(discriminations(signed, { maxAbsStimulus: null, discriminate: null }).map((d) => [d.label, d.ds])).toEqual([
      ['±2', 4],
      ['±4', 8],
    ]);
    expect(discriminations(signed, { maxAbsStimulus: 3, discriminate: null })).toHaveLength(1);
    const orientations = Float64Array.from({ length: 48 }, (_, t) => (t % 12) * 15);
    expect(isSignedDesign(orientations)).toBe(false);
    const adjacent = discriminations(orientations, { maxAbsStimulus: null, discriminate: null });
    expect(adjacent).toHaveLength(11);
    expect(adjacent[0]).toMatchObject({ low: 0, high: 15, ds: 15 });
    expect(discriminations(orientations, { maxAbsStimulus: null, discriminate: [45, 30] }).map((d) => [d.low, d.high])).toEqual([[30, 45]]);
  });

  it('chooses the zero-signal covariance only with ν = T0 − 1 ≥ N + 4', () => {
    expect(chooseCovariance('auto', true, 25, 20)).toBe('zero-signal');
    expect(chooseCovariance('auto', true, 24, 20)).toBe('pooled');
    expect(chooseCovariance('auto', false, 100, 20)).toBe('pooled');
    expect(chooseCovariance('pooled', true, 100, 20)).toBe('pooled');
    expect(chooseCovariance('zero-signal', true, 10, 20)).toBe('zero-signal');
  });
});

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < n; k++) {
    sab += (a[k]! - ma) * (b[k]! - mb);
    saa += (a[k]! - ma) ** 2;
    sbb += (b[k]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
