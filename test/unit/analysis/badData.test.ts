import { describe, expect, it } from 'vitest';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { discriminations, storedValue } from '../../../shared/analysis/discrimination';
import { planFrame } from '../../../shared/analysis/framePlan';
import { resolveSettings, POINT_ESTIMATES_ONLY } from '../../../shared/analysis/settings';
import type { Dataset } from '../../../shared/dataset/types';
import { syntheticDataset } from '../../helpers/syntheticDataset';
import { frameModel } from '../../../shared/analysis/frameModel';
import { populationFisher } from '../../../shared/analysis/populationFisher';
import { randomSubset, subsetPopulation } from '../../../shared/analysis/resampling';
import { seededRandom } from '../../../shared/random/seededRandom';

const settings = resolveSettings(POINT_ESTIMATES_ONLY);

/** The synthetic session with neuron `k`'s responses replaced by `value(stimulus)`. */
function withNeuron(dataset: Dataset, k: number, value: (stimulus: number, trial: number) => number): Dataset {
  const session = dataset.sessions[0]!;
  const n = dataset.neurons.length;
  const responses = Float32Array.from(session.responses);
  session.stimulus.forEach((s, t) => (responses[t * n + k] = value(s, t)));
  return { ...dataset, sessions: [{ ...session, responses }] };
}

describe('bad data, named (issue 10, item 6)', () => {
  it('a neuron constant within each class (but not across them) is left out of the frame and named, instead of stopping the analysis', () => {
    const dataset = withNeuron(syntheticDataset({ neurons: 6, trialsPerSide: 30, levels: [2], epsilon: 0.2, seed: 3 }), 4, (s) => (s > 0 ? 9 : 3));
    const frame = analyzeFrame(dataset, 0, 0, { ...settings, covariance: 'pooled' });
    expect(frame.neuronsUsed).toBe(5);
    expect(frame.used[4]).toBe(0);
    expect(frame.issues.map((i) => i.message)).toContain('neuron "u4" does not vary within the trials of ±2 (zero noise variance): its noise covariance would be singular; left out of this frame');
    expect(Number.isFinite(frame.population.fisher)).toBe(true);
  });

  it('a neuron constant on the zero-signal trials is left out when the zero-signal covariance is used', () => {
    const dataset = withNeuron(syntheticDataset({ neurons: 5, trialsPerSide: 30, levels: [2], epsilon: 0.2, seed: 4, zeroSignalTrials: 40 }), 1, (s) => (s === 0 ? 4 : 4 + s + Math.sin(s * 17)));
    const { plan } = planFrame(dataset, { sessionIndex: 0, epochIndex: 0 }, { ...settings, covariance: 'zero-signal' });
    expect(Array.from(plan.neurons)).toEqual([0, 2, 3, 4]);
    expect(plan.issues.map((i) => i.message)).toContain('neuron "u1" does not vary on the zero-signal trials (zero noise variance): its noise covariance would be singular; left out of this frame');
  });

  it('--discriminate names stored values by the digits typed, and a refusal lists the values there are', () => {
    expect(storedValue([0, 0.5235987755982988, 1.0471975511965976], 0.5236)).toBe(0.5235987755982988);
    expect(storedValue([0, 0.5235987755982988], 0.52359878)).toBe(0.5235987755982988);
    expect(storedValue([0.52, 0.53], 0.5)).toBe(0.5);
    const base = syntheticDataset({ neurons: 3, trialsPerSide: 10, levels: [Math.PI / 6], epsilon: 0, seed: 1 });
    const { plan } = planFrame(base, { sessionIndex: 0, epochIndex: 0 }, { ...settings, discriminate: [-0.5236, 0.5236] });
    expect(plan.refusal).toBeNull();
    const refused = planFrame(base, { sessionIndex: 0, epochIndex: 0 }, { ...settings, discriminate: [0, 1] }).plan.refusal!;
    expect(refused.message).toMatch(/the stimulus values here: -0\.5235987755982988, 0\.5235987755982988\)$/);
  });
});

describe('levels left out of the combination', () => {
  it('a discrimination with too few trials for N is named in its frame, with its ν and what N needs', () => {
    // ±1 has 30 trials a side, ±3 only 5: ν = 8 for 10 neurons.
    const many = syntheticDataset({ neurons: 10, trialsPerSide: 30, levels: [1], epsilon: 0.2, seed: 5 });
    const few = syntheticDataset({ neurons: 10, trialsPerSide: 5, levels: [3], epsilon: 0.2, seed: 6 });
    const [a, b] = [many.sessions[0]!, few.sessions[0]!];
    const merged: Dataset = {
      ...many,
      sessions: [{ ...a, trialCount: a.trialCount + b.trialCount, stimulus: Float64Array.from([...a.stimulus, ...b.stimulus]), responses: Float32Array.from([...a.responses, ...b.responses]) }],
    };
    const frame = analyzeFrame(merged, 0, 0, { ...settings, covariance: 'pooled' });
    expect(frame.issues).toContainEqual(
      expect.objectContaining({ code: 'level-dropped', message: 'discrimination ±3 left out: its covariance has ν = 8 degrees of freedom, and 10 neurons need ν > N + 3 = 13 (5 + 5 trials)' }),
    );
    expect(frame.levels.find((l) => l.label === '±3')!.weight).toBe(0);
  });
});

describe('circular stimuli', () => {
  it('with --circular 180, 165° and 0° of 12 orientations are one more discrimination, 15° apart across the wrap', () => {
    const values = Array.from({ length: 12 }, (_, k) => k * 15);
    const stimulus = Float64Array.from(values.flatMap((v) => [v, v, v]));
    const line = discriminations(stimulus, { maxAbsStimulus: null, discriminate: null, circularPeriod: null });
    const circle = discriminations(stimulus, { maxAbsStimulus: null, discriminate: null, circularPeriod: 180 });
    expect(line).toHaveLength(11);
    expect(circle).toHaveLength(12);
    expect(circle.at(-1)).toMatchObject({ label: '165 vs 0 (across 180)', low: 165, high: 0, ds: 15 });
  });
});

describe('unit inclusion by rate (--min-rate)', () => {
  it('leaves out, per frame, a neuron firing below the limit in the epoch window, with its rate; other responses are said not to apply', () => {
    const base = syntheticDataset({ neurons: 5, trialsPerSide: 30, levels: [2], epsilon: 0.2, seed: 8 });
    const quiet = withNeuron(base, 2, (s, t) => 0.4 + 0.05 * s + 0.1 * Math.sin(7.3 * t));
    const { plan } = planFrame(quiet, { sessionIndex: 0, epochIndex: 0 }, { ...settings, minRate: 1 });
    expect(Array.from(plan.neurons)).toEqual([0, 1, 3, 4]);
    expect(plan.issues).toContainEqual(expect.objectContaining({ code: 'low-rate', message: expect.stringMatching(/^neuron "u2" fires 0\.[34]\d\d spikes\/s here, below --min-rate 1; left out of this frame$/) }));
    expect(planFrame(quiet, { sessionIndex: 0, epochIndex: 0 }, settings).plan.neurons).toHaveLength(5);
    const traces = planFrame({ ...quiet, responseUnit: 'mean trace' }, { sessionIndex: 0, epochIndex: 0 }, { ...settings, minRate: 1 }).plan;
    expect(traces.neurons).toHaveLength(5);
    expect(traces.issues).toContainEqual(expect.objectContaining({ code: 'low-rate', message: '--min-rate not applied: the responses are mean trace, not spike counts' }));
  });
});

describe('more neurons than the trials support (issue 10, item 5)', () => {
  it('is analysed as the mean over random subsets of fewer neurons, with a warning, instead of refused', () => {
    // 40 neurons, ±2 with 20 trials a side: ν = 38 ≤ N + 3 = 43. Subsets of min(ν − 5, ⌊ν/1.3⌋) = 29.
    const dataset = syntheticDataset({ neurons: 40, trialsPerSide: 20, levels: [2], epsilon: 0.2, seed: 8 });
    const { plan } = planFrame(dataset, { sessionIndex: 0, epochIndex: 0 }, { ...settings, covariance: 'pooled' });
    expect(plan.refusal).toBeNull();
    expect(plan.subsetNeurons).toBe(29);
    expect(plan.issues).toContainEqual(expect.objectContaining({ code: 'subset-population', message: expect.stringMatching(/^40 neurons are more than ν = 38 .* mean over random subsets of 29 neurons/) }));
    const frame = analyzeFrame(dataset, 0, 0, { ...settings, covariance: 'pooled', intervalDraws: 100 });
    // Exactly the mean of the subsets' own estimates (the same random subsets drawn again here).
    const model = frameModel(planFrame(dataset, { sessionIndex: 0, epochIndex: 0 }, { ...settings, covariance: 'pooled' }).frame, { ...settings, covariance: 'pooled' });
    const averaged = subsetPopulation(model, 40, 29, 30, seededRandom(5)).population!;
    const again = seededRandom(5);
    const each = Array.from({ length: 30 }, () => populationFisher(model.levels, 40, randomSubset(40, 29, again)).population!);
    expect(averaged.fisher).toBeCloseTo(each.reduce((s, p) => s + p.fisher, 0) / 30, 12);
    expect(averaged.fisherShuffled).toBeCloseTo(each.reduce((s, p) => s + p.fisherShuffled, 0) / 30, 12);
    expect(Number.isFinite(frame.population.fisher)).toBe(true);
    expect(frame.population.redundancy).toBeCloseTo(frame.population.fisherShuffled - frame.population.fisher, 12);
    expect(frame.intervals).toBeNull();
    // Per-neuron and per-pair measures are of every neuron, as in any frame.
    expect(frame.neuronsUsed).toBe(40);
  });

  it('is still refused, with what it needs, when even two neurons cannot be estimated', () => {
    const dataset = syntheticDataset({ neurons: 6, trialsPerSide: 4, levels: [2], epsilon: 0.2, seed: 9 });
    const { plan } = planFrame(dataset, { sessionIndex: 0, epochIndex: 0 }, { ...settings, covariance: 'pooled' });
    expect(plan.subsetNeurons).toBeNull();
    expect(plan.refusal!.message).toMatch(/at least 12 trials at one ±c pair \(or at least 9 for random subsets of fewer neurons\); the most here is 8/);
  });
});
