import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { runAnalysis, type AnalysisOutput } from '../../../shared/analysis/engine/runAnalysis';
import { resolveSettings } from '../../../shared/analysis/settings';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { syntheticDataset } from '../../helpers/syntheticDataset';

const quick = resolveSettings({ subsets: 0, intervalDraws: 0, shuffles: 0, permutations: 0 });

describe('statistics of one frame', () => {
  it('95% intervals hold the estimate and, with many trials, have the width its standard error predicts', () => {
    const dataset = syntheticDataset({ neurons: 10, trialsPerSide: 150, levels: [2], epsilon: 0.5, seed: 4 });
    const frame = analyzeFrame(dataset, 0, 0, { ...quick, intervalDraws: 2000 });
    const ci = frame.intervals!;
    expect(ci.method).toBe('exact-gaussian');
    expect(ci.draws).toBe(2000);
    expect(ci.fisher.estimate).toBe(frame.population.fisher);
    expect(ci.redundancy.estimate).toBeCloseTo(frame.population.redundancy, 12);
    for (const interval of [ci.fisher, ci.fisherShuffled, ci.redundancy]) {
      expect(interval.low).toBeLessThanOrEqual(interval.estimate);
      expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    }
    expect(ci.fisher.low).toBeLessThan(frame.population.fisher);
    expect(ci.fisher.high).toBeGreaterThan(frame.population.fisher);
    const predicted = 2 * 1.96 * Math.sqrt(frame.population.fisherVariance);
    const width = ci.fisher.high - ci.fisher.low;
    expect(width / predicted).toBeGreaterThan(0.85);
    expect(width / predicted).toBeLessThan(1.15);
  });

  it('the trial-shuffle null rarely calls independent pairs and calls strongly correlated ones', () => {
    const independent = syntheticDataset({ neurons: 12, trialsPerSide: 80, levels: [2], epsilon: 0, seed: 8 });
    // No correlations at all: c0 = 0 would need another model, so compare against a strongly correlated one.
    const strong = syntheticDataset({ neurons: 12, trialsPerSide: 80, levels: [2], epsilon: 20, seed: 8 });
    const settings = { ...quick, shuffles: 1000 };
    const weak = analyzeFrame(independent, 0, 0, settings);
    const tight = analyzeFrame(strong, 0, 0, settings);
    const share = (flags: Uint8Array) => flags.reduce((s, f) => s + f, 0) / flags.length;
    expect(share(tight.pairSignificant!)).toBeGreaterThan(share(weak.pairSignificant!));
    // Only pairs of informative neurons (|f′| large) become redundant; poorly tuned pairs stay null. With
    // 66 pairs, BH's first call needs p ≤ 0.05/66 < 1/1001, so calls come only in a block of small p's:
    // how many pairs are called moves in steps with the shuffles' noise (8 to 12 of 66 over shuffle seeds).
    // The p-values themselves say it steadily: a dozen strong pairs below 0.01, about none of the independent ones.
    expect(share(tight.pairSignificant!)).toBeGreaterThan(0.1);
    expect(share(weak.pairSignificant!)).toBeLessThan(0.1);
    const below = (p: Float32Array) => p.filter((v) => v < 0.01).length;
    expect(below(tight.pairRedundancyP!)).toBeGreaterThanOrEqual(10);
    expect(below(weak.pairRedundancyP!)).toBeLessThanOrEqual(3);
    expect(Math.min(...weak.pairRedundancyP!)).toBeGreaterThanOrEqual(1 / 1001 - 1e-9);
  });

  it('fixed-N subsets: N = all neurons is one subset equal to the population; N < all averages many', () => {
    const dataset = syntheticDataset({ neurons: 12, trialsPerSide: 60, levels: [2], epsilon: 0.5, seed: 2 });
    const all = analyzeFrame(dataset, 0, 0, { ...quick, subsets: 50 }, { fixedNeurons: 12, highRelevance: null });
    expect(all.fixedSize).toMatchObject({ neurons: 12, subsets: 1 });
    expect(all.fixedSize!.redundancy.median).toBeCloseTo(all.population.redundancy, 12);
    const half = analyzeFrame(dataset, 0, 0, { ...quick, subsets: 50 }, { fixedNeurons: 6, highRelevance: null });
    expect(half.fixedSize!.subsets).toBe(50);
    expect(half.fixedSize!.fisher.low).toBeLessThanOrEqual(half.fixedSize!.fisher.median);
    expect(half.fixedSize!.fisher.high).toBeGreaterThanOrEqual(half.fixedSize!.fisher.median);
    expect(half.fixedSize!.fisherShuffled.median).toBeLessThan(all.population.fisherShuffled);
    expect(half.fixedSize!.intervals).toBeNull();
  });

  it('fixed-N medians get 95% intervals: the frame’s own at N = all neurons, and around the median below it', () => {
    const dataset = syntheticDataset({ neurons: 12, trialsPerSide: 60, levels: [2], epsilon: 0.5, seed: 2 });
    const settings = { ...quick, subsets: 50, intervalDraws: 2000 };
    const all = analyzeFrame(dataset, 0, 0, settings, { fixedNeurons: 12, highRelevance: null });
    for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
      // The frame's own interval, reused rather than drawn again.
      const [own, frame] = [all.fixedSize!.intervals![quantity], all.intervals![quantity]];
      expect(own.estimate).toBeCloseTo(frame.estimate, 12);
      expect(Math.abs(own.low - frame.low)).toBeLessThan(0.05 * (frame.high - frame.low));
      expect(Math.abs(own.high - frame.high)).toBeLessThan(0.05 * (frame.high - frame.low));
    }
    const half = analyzeFrame(dataset, 0, 0, settings, { fixedNeurons: 6, highRelevance: null }).fixedSize!;
    for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
      const interval = half.intervals![quantity];
      expect(interval.estimate).toBe(half[quantity].median);
      expect(interval.low).toBeLessThanOrEqual(interval.estimate);
      expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
      expect(interval.high - interval.low).toBeGreaterThan(0);
    }
  });

  it('a single neuron gets single-neuron measures and a clear note that pairs are impossible', () => {
    const dataset = syntheticDataset({ neurons: 1, trialsPerSide: 20, levels: [2], epsilon: 0, seed: 1 });
    const frame = analyzeFrame(dataset, 0, 0, { ...quick, shuffles: 20, intervalDraws: 200 });
    expect(frame.pairRedundancy).toHaveLength(0);
    expect(frame.population.meanNoiseCorrelation).toBeNull();
    expect(frame.issues.map((i) => i.message)).toContain('only one neuron: pairwise measures (correlations, redundancy) are impossible; single-neuron measures only');
    expect(Number.isFinite(frame.population.fisher)).toBe(true);
  });

  it('a neuron silent at one stimulus is reported, never NaN', () => {
    const dataset = syntheticDataset({ neurons: 4, trialsPerSide: 40, levels: [2], epsilon: 0, seed: 3 });
    const session = dataset.sessions[0]!;
    session.stimulus.forEach((s, t) => {
      if (s === -2) session.responses[t * 4 + 1] = 0;
    });
    const frame = analyzeFrame(dataset, 0, 0, quick);
    expect(frame.issues.some((i) => /neuron "u1" does not vary on trials with stimulus -2/.test(i.message))).toBe(true);
    for (const array of [frame.pairNoiseCorrelation, frame.pairRedundancy, frame.neuronFisher]) {
      expect(Array.from(array).every(Number.isFinite)).toBe(true);
    }
  });

  it('is reproducible: the same input and settings give identical output', () => {
    const dataset = syntheticDataset({ neurons: 6, trialsPerSide: 40, levels: [1, 2], epsilon: 0.5, seed: 5, choices: true });
    const settings = { ...quick, intervalDraws: 200, shuffles: 20, permutations: 50, subsets: 10 };
    const a = analyzeFrame(dataset, 0, 0, settings, { fixedNeurons: 4, highRelevance: null });
    const b = analyzeFrame(dataset, 0, 0, settings, { fixedNeurons: 4, highRelevance: null });
    expect(b).toEqual(a);
    const c = analyzeFrame(dataset, 0, 0, { ...settings, seed: 2 }, { fixedNeurons: 4, highRelevance: null });
    expect(c.intervals).not.toEqual(a.intervals);
  });
});

describe('the demo, summarised', () => {
  let output: AnalysisOutput;
  beforeAll(async () => {
    output = await runAnalysis(simulateLearningDataset(), resolveSettings({ intervalDraws: 0, decoderFolds: 0, shuffles: 0, subsets: 0, permutations: 500 }));
  });

  it('finds a significant positive learning slope of redundancy in the task and none in passive', () => {
    for (const trend of output.summary.learning) {
      if (trend.condition === 'task') {
        expect(trend.slope, trend.epoch).toBeGreaterThan(0);
        expect(trend.p, trend.epoch).toBeLessThan(0.01);
      } else {
        expect(trend.p, trend.epoch).toBeGreaterThan(0.05);
      }
    }
    expect(output.summary.learning).toHaveLength(6);
  });

  it('task redundancy exceeds passive on the same days, and grows within the trial in the task', () => {
    for (const test of output.summary.taskVsPassive) {
      expect(test.meanDifference).toBeGreaterThan(0);
      expect(test.p).toBeLessThan(0.05);
    }
    expect(output.summary.withinTrial.find((w) => w.condition === 'task')!.meanSlope).toBeGreaterThan(0);
  });

  it('splits neurons by task relevance, and the high half carries more information', () => {
    expect(output.highRelevance!.reduce((s, v) => s + v, 0)).toBe(60);
    const frame = output.frames.find((f) => f.condition === 'task' && f.epoch === 'pre-decision')!;
    expect(frame.relevance!.high!.fisherShuffled).toBeGreaterThan(frame.relevance!.low!.fisherShuffled);
  });

  it('has choice probabilities in task sessions and none in passive viewing', () => {
    const task = output.frames.find((f) => f.condition === 'task' && f.epoch === 'pre-decision')!;
    const passive = output.frames.find((f) => f.condition === 'passive')!;
    expect(passive.neuronChoiceProbability).toBeNull();
    const cps = Array.from(task.neuronChoiceProbability!);
    expect(cps.reduce((s, v) => s + v, 0) / cps.length).toBeGreaterThan(0.5);
  });
});

describe('interval method', () => {
  it('with few trials per neuron the interval of I is skewed to the right, as the estimator\'s law is, and still holds the estimate', () => {
    // ν = 78 for 40 neurons: where percentiles of bootstrap resamples sat above the estimate.
    const dataset = syntheticDataset({ neurons: 40, trialsPerSide: 40, levels: [2], epsilon: 0.5, seed: 6 });
    const frame = analyzeFrame(dataset, 0, 0, { ...quick, intervalDraws: 2000 });
    const { fisher } = frame.intervals!;
    expect(fisher.low).toBeLessThanOrEqual(frame.population.fisher);
    expect(fisher.high).toBeGreaterThanOrEqual(frame.population.fisher);
    expect(fisher.high - fisher.estimate).toBeGreaterThan(fisher.estimate - fisher.low);
  });
});
