import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../shared/dataset/types';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { resolveSettings } from '../../../shared/analysis/settings';
import { drawGaussian, noiseCovariance, tuningAt } from '../../../shared/simulate/population';
import { seededRandom } from '../../../shared/random/seededRandom';
import { syntheticModel } from '../../helpers/syntheticDataset';

/**
 * A recording shaped like the Utah-array session (83 neurons, 12 orientations 15° apart, 200
 * trials each, spike counts): the real one is not in ../shared/data, so its design is simulated — the
 * check is that every interval of every kind of frame holds its own estimate, which the constructions
 * guarantee (I's inversion is widened to its estimate; MOVER and ± intervals are centred on theirs).
 */
function orientationRecording(seed: number): Dataset {
  const neurons = 83;
  const model = syntheticModel(neurons);
  const orientations = Array.from({ length: 12 }, (_, k) => k * 15);
  const { mean: centre, slope } = tuningAt(model, 45, 1);
  const covariance = noiseCovariance(model, centre, slope, 0.05);
  const random = seededRandom(seed);
  const stimulus = orientations.flatMap((o) => Array.from({ length: 200 }, () => o));
  const noise = drawGaussian(random, new Float64Array(neurons), covariance, stimulus.length);
  const means = new Map(orientations.map((o) => [o, tuningAt(model, o, 1).mean]));
  const responses = Float32Array.from({ length: stimulus.length * neurons }, (_, k) => {
    const [t, i] = [Math.floor(k / neurons), k % neurons];
    return Math.max(0, Math.round(means.get(stimulus[t]!)![i]! + noise[k]!));
  });
  return {
    name: 'orientations',
    responseUnit: 'spikes',
    stimulusUnit: 'deg',
    matching: 'identity',
    neurons: Array.from({ length: neurons }, (_, i) => ({ id: `e${i}` })),
    sessions: [{ id: 's1', order: 1, condition: 'task', epochs: [{ name: 'stimulus', start: 0, end: 0.5 }], trialCount: stimulus.length, stimulus: Float64Array.from(stimulus), choice: null, correct: null, present: new Uint8Array(neurons).fill(1), responses }],
  };
}

describe('an 83-neuron, 12-orientation, 200-trials-per-orientation recording (simulated)', () => {
  const dataset = orientationRecording(3);
  const base = { intervalDraws: 1000, decoderFolds: 0, shuffles: 0, permutations: 0, subsets: 20 };
  for (const [label, overrides] of [
    ['0° vs 30° (--discriminate 0,30)', { discriminate: [0, 30] as const }],
    ['every adjacent pair, circular (--circular 180)', { circularPeriod: 180 }],
  ] as const) {
    it(`${label}: every interval holds its estimate`, () => {
      const frame = analyzeFrame(dataset, 0, 0, resolveSettings({ ...base, ...overrides }), { fixedNeurons: 40, highRelevance: null });
      expect(frame.neuronsUsed).toBe(83);
      const intervals = [frame.intervals!.fisher, frame.intervals!.fisherShuffled, frame.intervals!.redundancy, ...Object.values(frame.fixedSize!.intervals!)];
      for (const interval of intervals) {
        expect(interval.low).toBeLessThanOrEqual(interval.estimate);
        expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
      }
      expect(frame.intervals!.fisher.estimate).toBeCloseTo(frame.population.fisher, 12);
      frame.pairRedundancyError!.forEach((error) => expect(Number.isFinite(error) && error >= 0).toBe(true));
    }, 60_000);
  }
});
