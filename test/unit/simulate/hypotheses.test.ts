import { beforeAll, describe, expect, it } from 'vitest';
import { hypothesisOptions, hypothesisTruth, simulateHypothesis, type HypothesisModel } from '../../../shared/simulate/hypotheses';
import { runAnalysis, type AnalysisOutput } from '../../../shared/analysis/engine/runAnalysis';
import { resolveSettings } from '../../../shared/analysis/settings';
import { Z_95 } from '../../../shared/analysis/populationIntervals';

/** Each model analysed as a user would (intervals, no fixed-N subsets: N is the same in every session). */
const settings = resolveSettings({ intervalDraws: 1000, decoderFolds: 0, shuffles: 0, subsets: 0, permutations: 200 });
const runs = new Map<HypothesisModel, AnalysisOutput>();

beforeAll(async () => {
  for (const model of ['feedback', 'efficient'] as const) runs.set(model, await runAnalysis(simulateHypothesis({ model }), settings));
}, 120_000);

describe('two hypotheses of learning, simulated with known truth', () => {
  for (const model of ['feedback', 'efficient'] as const) {
    it(`${model}: every frame's I and I_red agree with the model's exact values within 4 standard errors (16 frames), the mean within 4 of its own`, () => {
      const output = runs.get(model)!;
      const truth = hypothesisTruth({ model });
      expect(output.frames.length).toBeGreaterThanOrEqual(16);
      let deviations = 0;
      let variance = 0;
      for (const frame of output.frames) {
        const exact = truth.find((t) => t.condition === frame.condition && t.session === frame.order - 1)!;
        for (const [quantity, value] of [['fisher', exact.fisher], ['redundancy', exact.redundancy]] as const) {
          const interval = frame.intervals![quantity];
          const error = Math.max(interval.high - interval.estimate, interval.estimate - interval.low) / Z_95;
          expect(Math.abs(frame.population[quantity] - value), `${frame.session} ${quantity}`).toBeLessThan(4 * error);
          if (quantity === 'redundancy') {
            deviations += frame.population.redundancy - value;
            variance += error ** 2;
          }
        }
      }
      expect(Math.abs(deviations)).toBeLessThan(4 * Math.sqrt(variance));
    });
  }

  it('feedback: task redundancy rises over sessions (p < 0.01) and passive redundancy does not (p > 0.05)', () => {
    const learning = runs.get('feedback')!.summary.learning;
    const task = learning.find((t) => t.condition === 'task')!;
    const passive = learning.find((t) => t.condition === 'passive')!;
    expect(task.slope).toBeGreaterThan(0);
    expect(task.p).toBeLessThan(0.01);
    expect(passive.p).toBeGreaterThan(0.05);
    // The truth behind it: redundancy grows in the task only; the mean noise correlation barely moves.
    const truth = hypothesisTruth({ model: 'feedback' });
    const tasks = truth.filter((t) => t.condition === 'task');
    expect(tasks.at(-1)!.redundancy).toBeGreaterThan(2 * tasks[0]!.redundancy);
    expect(Math.abs(tasks.at(-1)!.meanNoiseCorrelation - tasks[0]!.meanNoiseCorrelation)).toBeLessThan(0.01);
  });

  it('efficient coding: the mean noise correlation falls over task sessions while redundancy does not rise', () => {
    const { noiseCorrelationTrend, learning } = runs.get('efficient')!.summary;
    const correlation = noiseCorrelationTrend.find((t) => t.condition === 'task')!;
    expect(correlation.slope).toBeLessThan(0);
    expect(correlation.p).toBeLessThan(0.01);
    const redundancy = learning.find((t) => t.condition === 'task')!;
    expect(redundancy.slope < 0 || redundancy.p > 0.05).toBe(true);
    const tasks = hypothesisTruth({ model: 'efficient' }).filter((t) => t.condition === 'task');
    expect(tasks.at(-1)!.meanNoiseCorrelation).toBeLessThan(0.5 * tasks[0]!.meanNoiseCorrelation);
    expect(tasks.at(-1)!.redundancy).toBeLessThanOrEqual(tasks[0]!.redundancy);
  });

  it('clamps parameters to their ranges and keeps counts whole', () => {
    expect(hypothesisOptions({ neurons: 5000, learning: -1, sessions: 3.6 })).toMatchObject({ neurons: 200, learning: 0, sessions: 4 });
    // Reproducible from the seed.
    const [a, b] = [simulateHypothesis({ model: 'efficient', neurons: 10, sessions: 2, seed: 4 }), simulateHypothesis({ model: 'efficient', neurons: 10, sessions: 2, seed: 4 })];
    expect(Array.from(a.sessions[1]!.responses)).toEqual(Array.from(b.sessions[1]!.responses));
  });
});
