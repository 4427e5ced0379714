import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { sessionBehaviour, spearman } from '../../../shared/analysis/behaviour';
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
  for (const command of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(command, ['-c', 'import json, sys\nfrom scipy import stats\nx, y = json.load(sys.stdin)\nr = stats.spearmanr(x, y)\nprint(json.dumps([float(r.statistic), float(r.pvalue)]))'], { input: JSON.stringify([x, y]), encoding: 'utf8' });
    if (run.status === 0) return JSON.parse(run.stdout) as [number, number];
  }
  return null;
}

describe('behaviour per session', () => {
  it('percent correct from trials.correct, else from choices against the stimulus sign (zero-signal trials left out); none for passive sessions', () => {
    const fromMarks = session({ id: 'a', correct: Uint8Array.from([1, 1, 0, 1, 1, 0]) });
    const fromChoices = session({ id: 'b', choice: Uint8Array.from([0, 1, 1, 1, 0, 1]) });
    const passive = session({ id: 'c', condition: 'passive' });
    expect(sessionBehaviour({ sessions: [fromMarks, fromChoices, passive] })).toEqual([
      { session: 'a', condition: 'task', order: 1, trials: 6, percentCorrect: (100 * 4) / 6, from: 'correct' },
      { session: 'b', condition: 'task', order: 1, trials: 4, percentCorrect: 75, from: 'choice and stimulus sign' },
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
    const behaviour = [60, 65, 64, 72, 80].map((percentCorrect, k) => ({ session: `day${k + 1}`, condition: 'task', order: k + 1, trials: 100, percentCorrect, from: 'correct' as const }));
    const summary = summarize(frames, resolveSettings({ permutations: 0 }), { task: 'task', passive: null }, behaviour);
    expect(summary.behaviour).toHaveLength(5);
    expect(summary.redundancyVsBehaviour).toEqual([{ condition: 'task', epoch: 'stimulus', rho: 0.9, p: expect.any(Number), sessions: 5 }]);
  });
});
