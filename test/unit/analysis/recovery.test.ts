import { describe, expect, it } from 'vitest';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';

const DEFAULT_SETTINGS = resolveSettings(POINT_ESTIMATES_ONLY);
import { samplingOf } from '../../../shared/analysis/fisher';
import { syntheticDataset, syntheticTruth } from '../../helpers/syntheticDataset';

describe('recovery of known information from simulated populations', () => {
  it('recovers I0/(1+εI0) within its standard error', () => {
    const n = 40;
    // ε = 1/I0 halves the information: I = I0/(1 + εI0) = I0/2.
    const epsilon = 1 / syntheticTruth(n, 0).fisher;
    const truth = syntheticTruth(n, epsilon);
    const dataset = syntheticDataset({ neurons: n, trialsPerSide: 600, levels: [1.5, 3], epsilon, seed: 11 });
    const frame = analyzeFrame(dataset, 0, 0, { ...DEFAULT_SETTINGS, intervalDraws: 1000 });
    const se = Math.sqrt(frame.population.fisherVariance);
    expect(Math.abs(frame.population.fisher - truth.fisher)).toBeLessThan(3 * se);
    expect(truth.fisher).toBeCloseTo(syntheticTruth(n, 0).fisher / 2, 12);
    const seShuffled = (frame.intervals!.fisherShuffled.high - frame.intervals!.fisherShuffled.low) / (2 * 1.959964);
    expect(Math.abs(frame.population.fisherShuffled - truth.fisherShuffled)).toBeLessThan(3 * seShuffled);
  });

  it('is unbiased over repeated draws, while the naive estimator is biased as predicted', () => {
    const n = 12;
    const trialsPerSide = 25;
    const level = 2;
    const repeats = 300;
    const truth = syntheticTruth(n, 0.2).fisher;
    const sampling = samplingOf(trialsPerSide, trialsPerSide, 2 * level);
    let sumCorrected = 0;
    let sumNaive = 0;
    let sumVariance = 0;
    for (let r = 0; r < repeats; r++) {
      const dataset = syntheticDataset({ neurons: n, trialsPerSide, levels: [level], epsilon: 0.2, seed: 1000 + r });
      const frame = analyzeFrame(dataset, 0, 0, DEFAULT_SETTINGS);
      sumCorrected += frame.population.fisher;
      sumNaive += frame.population.fisherNaive;
      sumVariance += frame.population.fisherVariance;
    }
    const meanCorrected = sumCorrected / repeats;
    const standardErrorOfMean = Math.sqrt(sumVariance / repeats / repeats);
    expect(Math.abs(meanCorrected - truth)).toBeLessThan(3 * standardErrorOfMean);
    const predictedNaive = (sampling.dof / (sampling.dof - n - 1)) * (truth + n * sampling.g);
    expect(Math.abs(sumNaive / repeats - predictedNaive)).toBeLessThan(4 * standardErrorOfMean);
    expect(sumNaive / repeats).toBeGreaterThan(truth + 5 * standardErrorOfMean);
  });

  it('gives positive pairwise redundancy to informative pairs when ε grows', () => {
    const n = 20;
    const epsilon = 2 / syntheticTruth(n, 0).fisher;
    const low = analyzeFrame(syntheticDataset({ neurons: n, trialsPerSide: 800, levels: [2], epsilon: 0, seed: 5 }), 0, 0, DEFAULT_SETTINGS);
    const high = analyzeFrame(syntheticDataset({ neurons: n, trialsPerSide: 800, levels: [2], epsilon, seed: 5 }), 0, 0, DEFAULT_SETTINGS);
    const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(high.pairRedundancy)).toBeGreaterThan(sum(low.pairRedundancy) + 0.1);
  });
});
