import { describe, expect, it } from 'vitest';
import { runScipyJson } from '../../helpers/python';
import { psychometricFit, sessionBehaviour, spearman } from '../../../shared/analysis/behaviour';
import { normalCdf } from '../../../shared/math/normal';
import { seededRandom } from '../../../shared/random/seededRandom';
import { summarize } from '../../../shared/analysis/summary';
import { resolveSettings } from '../../../shared/analysis/settings';
import type { Session } from '../../../shared/dataset/types';

const session = (fields: Partial<Session>): Session => ({
  id: 's',
  order: 1,
  condition: 'task',
  epochs: [{ name: 'stimulus', start: 0, end: 1 }],
  trialCount: 6,
  stimulus: Float64Array.from([-1, 1, -1, 1, 0, 0]),
  choice: null,
  correct: null,
  present: new Uint8Array(1).fill(1),
  responses: new Float32Array(6),
  ...fields,
});

function scipySpearman(x: number[], y: number[]): [number, number] | null {
  return runScipyJson('import json, sys\nfrom scipy import stats\nx, y = json.load(sys.stdin)\nr = stats.spearmanr(x, y)\nprint(json.dumps([float(r.statistic), float(r.pvalue)]))', [x, y]) as [number, number] | null;
}

describe('behaviour per session', () => {
  it('percent correct from trials.correct, else from choices against the stimulus sign (zero-signal trials left out); none for passive sessions', () => {
    const fromMarks = session({ id: 'a', correct: Uint8Array.from([1, 1, 0, 1, 1, 0]) });
    const fromChoices = session({ id: 'b', choice: Uint8Array.from([0, 1, 1, 1, 0, 1]) });
    const passive = session({ id: 'c', condition: 'passive' });
    expect(sessionBehaviour({ sessions: [fromMarks, fromChoices, passive] })).toEqual([
      { session: 'a', condition: 'task', order: 1, trials: 6, percentCorrect: (100 * 4) / 6, from: 'correct', psychometric: null },
      { session: 'b', condition: 'task', order: 1, trials: 4, percentCorrect: 75, from: 'choice and stimulus sign', psychometric: null },
    ]);
  });

  it('Spearman ρ and p as scipy computes them, ties at their average rank', () => {
    const x = [0.1, 0.4, 0.35, 0.8, 0.6, 0.6, 0.9];
    const y = [55, 60, 58, 71, 70, 66, 80];
    const ours = spearman(x, y);
    const reference = scipySpearman(x, y);
    if (reference === null) return void console.warn('Spearman against scipy skipped: no python3 with scipy');
    expect(ours.rho!).toBeCloseTo(reference[0], 12);
    expect(Math.abs(ours.p! - reference[1])).toBeLessThan(1e-10);
    expect(spearman([1, 2], [3, 4])).toEqual({ rho: null, p: null });
    expect(spearman([1, 2, 3], [5, 5, 5])).toEqual({ rho: null, p: null });
  });

  it('the summary correlates each condition’s redundancy with percent correct across its sessions', () => {
    const frames = [1, 2, 3, 4, 5].map((order) => ({
      condition: 'task',
      epoch: 'stimulus',
      epochIndex: 0,
      order,
      session: `day${order}`,
      fixedSize: null,
      intervals: null,
      population: { fisher: 1, fisherNaive: 1, fisherVariance: 0, fisherShuffled: 1 + order / 10, redundancy: order / 10, redundancyPercent: null, meanNoiseCorrelation: null },
    }));
    const behaviour = [60, 65, 64, 72, 80].map((percentCorrect, k) => ({ session: `day${k + 1}`, condition: 'task', order: k + 1, trials: 100, percentCorrect, from: 'correct' as const, psychometric: null }));
    const summary = summarize(frames, resolveSettings({ permutations: 0 }), { task: 'task', passive: null }, behaviour);
    expect(summary.behaviour).toHaveLength(5);
    expect(summary.redundancyVsBehaviour).toEqual([{ condition: 'task', epoch: 'stimulus', rho: 0.9, p: expect.any(Number), sessions: 5 }]);
  });
});

describe('the psychometric threshold', () => {
  /** Choices from a cumulative Gaussian with this bias and σ at each of the signed levels. */
  function choices(levels: number[], perLevel: number, bias: number, sigma: number, seed: number): { stimulus: number[]; choice: number[] } {
    const random = seededRandom(seed);
    const stimulus = levels.flatMap((s) => Array.from({ length: perLevel }, () => s));
    return { stimulus, choice: stimulus.map((s) => (random.uniform() < normalCdf((s - bias) / sigma) ? 1 : 0)) };
  }

  it('is the maximum-likelihood probit fit scipy finds', (context) => {
    const { stimulus, choice } = choices([-8, -4, -2, 0, 2, 4, 8], 30, 0.5, 3, 1);
    const fit = psychometricFit(stimulus, choice)!;
    const reference = runScipyJson(
      [
        'import json, sys',
        'import numpy as np',
        'from scipy import optimize, stats',
        's, c = map(np.asarray, json.load(sys.stdin))',
        'nll = lambda p: -np.sum(c * stats.norm.logcdf(p[0] + p[1] * s) + (1 - c) * stats.norm.logsf(p[0] + p[1] * s))',
        'a, b = optimize.minimize(nll, [0.0, 0.3], method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000}).x',
        'print(json.dumps([float(-a / b), float(stats.norm.ppf(0.75) / b)]))',
      ].join('\n'),
      [stimulus, choice],
    ) as [number, number] | null;
    if (!reference) {
      console.warn('psychometric fit against scipy skipped: no python3 with scipy');
      context.skip();
      return;
    }
    expect(fit.bias).toBeCloseTo(reference[0], 6);
    expect(fit.threshold).toBeCloseTo(reference[1], 6);
  });

  it('recovers a known threshold from many simulated choices', () => {
    const { stimulus, choice } = choices([-6, -3, -1, 0, 1, 3, 6], 2000, -0.4, 2.5, 2);
    const fit = psychometricFit(stimulus, choice)!;
    expect(fit.threshold).toBeCloseTo(0.6744897501960817 * 2.5, 1);
    expect(fit.bias).toBeCloseTo(-0.4, 1);
  });

  it('is absent where the levels cannot pin it: two values, or choices perfectly separated by the stimulus', () => {
    expect(psychometricFit([-1, 1, -1, 1, -1, 1, -1, 1, -1, 1], [0, 1, 0, 1, 1, 1, 0, 0, 0, 1])).toBeNull();
    const stimulus = [-2, -1, 1, 2].flatMap((s) => [s, s, s]);
    expect(psychometricFit(stimulus, stimulus.map((s) => (s > 0 ? 1 : 0)))).toBeNull();
  });
});
