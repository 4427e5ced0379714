import { describe, expect, it } from 'vitest';
import { fUpperTail } from '../../../shared/math/fDistribution';
import { studentTTwoSided } from '../../../shared/math/studentT';
import { stimulusResponsiveness } from '../../../shared/analysis/responsiveness';
import { planFrame } from '../../../shared/analysis/framePlan';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';
import type { FrameData } from '../../../shared/analysis/frameData';
import { seededRandom } from '../../../shared/random/seededRandom';
import { syntheticDataset } from '../../helpers/syntheticDataset';
import { runScipyJson } from '../../helpers/python';

/** A frame of `neurons` rows whose trial t has stimulus `stimulus[t]` and response `value(neuron, stimulus, random)`. */
function frameOf(stimulus: number[], neurons: number, value: (neuron: number, s: number, random: ReturnType<typeof seededRandom>) => number, seed = 1): FrameData {
  const random = seededRandom(seed);
  const values = new Float64Array(neurons * stimulus.length);
  for (let k = 0; k < neurons; k++) stimulus.forEach((s, t) => (values[k * stimulus.length + t] = value(k, s, random)));
  return { neurons: Int32Array.from({ length: neurons }, (_, k) => k), trials: stimulus.length, values, stimulus: Float64Array.from(stimulus) };
}

describe('the F distribution’s upper tail', () => {
  it('matches its closed forms: (1 + 2f/d₂)^(−d₂/2) for d₁ = 2, and the two-sided t for d₁ = 1', () => {
    for (const [f, d2] of [[0.5, 7], [3.2, 20], [11, 3]] as const) {
      expect(fUpperTail(f, 2, d2)).toBeCloseTo((1 + (2 * f) / d2) ** (-d2 / 2), 12);
      expect(fUpperTail(f, 1, d2)).toBeCloseTo(studentTTwoSided(Math.sqrt(f), d2), 12);
    }
    expect(fUpperTail(0, 3, 10)).toBe(1);
    expect(fUpperTail(Number.POSITIVE_INFINITY, 3, 10)).toBe(0);
  });
});

describe('responsiveness: one-way ANOVA across stimulus values', () => {
  const stimulus = [-4, -2, 0, 2, 4].flatMap((s) => Array.from({ length: 12 }, () => s)).concat([0, 0, 4]);

  it('gives scipy.stats.f_oneway’s p for every neuron (unequal groups)', (context) => {
    const frame = frameOf(stimulus, 4, (k, s, random) => 5 + 0.1 * k * s + random.normal());
    const groups = Array.from({ length: 4 }, (_, k) =>
      [...new Set(stimulus)].map((value) => stimulus.flatMap((s, t) => (s === value ? [frame.values[k * stimulus.length + t]!] : []))),
    );
    const reference = runScipyJson('import json, sys\nfrom scipy import stats\nprint(json.dumps([float(stats.f_oneway(*g).pvalue) for g in json.load(sys.stdin)]))', groups) as number[] | null;
    if (!reference) {
      console.warn('scipy cross-check of the ANOVA skipped: no python3 with scipy');
      context.skip();
      return;
    }
    const p = stimulusResponsiveness(frame);
    reference.forEach((value, k) => expect(Math.abs(p[k]! - value)).toBeLessThanOrEqual(1e-9 * Math.max(value, 1e-300) + 1e-14));
  });

  it('calls 5% of untuned neurons responsive at 0.05 (simulation: 1000 neurons), and every well-tuned one', () => {
    const untuned = stimulusResponsiveness(frameOf(stimulus, 1000, (_, __, random) => 3 + random.normal(), 2));
    const rate = untuned.filter((p) => p < 0.05).length / untuned.length;
    // Binomial standard error at 1000 neurons is 0.7%: 3–7.5% holds a true 5% with room.
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.075);
    const tuned = stimulusResponsiveness(frameOf(stimulus, 50, (_, s, random) => 3 + 0.5 * s + random.normal(), 3));
    expect(tuned.every((p) => p < 1e-6)).toBe(true);
  });

  it('has no test for one stimulus value, and NaN for a constant neuron', () => {
    expect(Number.isNaN(stimulusResponsiveness(frameOf([1, 1, 1, 1], 1, (_, __, random) => random.normal()))[0]!)).toBe(true);
    expect(Number.isNaN(stimulusResponsiveness(frameOf([1, 2, 1, 2], 1, () => 4))[0]!)).toBe(true);
  });
});

describe('--responsive: unit inclusion by the responsiveness test', () => {
  it('leaves out, per frame, the neurons that do not respond, named with their p, and reports every neuron’s p', () => {
    const dataset = syntheticDataset({ neurons: 6, trialsPerSide: 40, levels: [2, 4], epsilon: 0.1, seed: 4 });
    const session = dataset.sessions[0]!;
    const random = seededRandom(11);
    // Neuron u2 replaced by noise that ignores the stimulus.
    const responses = Float32Array.from(session.responses, (value, k) => (k % 6 === 2 ? 10 + random.normal() : value));
    const untuned = { ...dataset, sessions: [{ ...session, responses }] };
    const settings = resolveSettings({ ...POINT_ESTIMATES_ONLY, responsiveAlpha: 0.01 });
    const { plan } = planFrame(untuned, { sessionIndex: 0, epochIndex: 0 }, settings);
    expect(Array.from(plan.neurons)).not.toContain(2);
    expect(plan.issues).toContainEqual(expect.objectContaining({ code: 'unresponsive', message: expect.stringMatching(/^neuron "u2" does not respond to the stimulus here \(one-way ANOVA across its values, p = [\d.e-]+ ≥ --responsive 0\.01\); left out of this frame$/) }));
    const kept = analyzeFrame(untuned, 0, 0, resolveSettings(POINT_ESTIMATES_ONLY));
    // Without --responsive every neuron stays, each with the p that decided its inclusion above.
    expect(kept.neuronsUsed).toBe(6);
    for (let k = 0; k < 6; k++) expect(kept.neuronResponsiveP[k]! < 0.01, `u${k}`).toBe(plan.neurons.includes(k));
  });
});
