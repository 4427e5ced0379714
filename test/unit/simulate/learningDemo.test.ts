import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, demoTruth, simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';

const DEFAULT_SETTINGS = resolveSettings(POINT_ESTIMATES_ONLY);
import type { FrameAnalysis } from '../../../shared/analysis/frameAnalysis';

/** Least-squares slope of y on x. */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, k) => {
    sxy += (xi - mx) * (y[k]! - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

describe('the simulated learning demo', () => {
  it('is deterministic for a seed, bit for bit, and differs between seeds', () => {
    const options = { neurons: 10, sessions: 2, trialsPerSide: 12, zeroSignalTrials: 4 };
    const a = simulateLearningDataset({ ...options, seed: 4 });
    const b = simulateLearningDataset({ ...options, seed: 4 });
    const c = simulateLearningDataset({ ...options, seed: 5 });
    expect(a.sessions.map((s) => Array.from(s.responses))).toEqual(b.sessions.map((s) => Array.from(s.responses)));
    expect(Array.from(a.sessions[0]!.responses)).not.toEqual(Array.from(c.sessions[0]!.responses));
  });

  it('has about 120 neurons on a 10 × 10 grid, task and passive sessions, three epochs, choices in the task', () => {
    const dataset = simulateLearningDataset();
    expect(dataset.neurons).toHaveLength(120);
    const xs = new Set(dataset.neurons.map((n) => n.position![0]));
    expect(xs.size).toBeGreaterThanOrEqual(10);
    expect(dataset.sessions.filter((s) => s.condition === 'task')).toHaveLength(10);
    expect(dataset.sessions.filter((s) => s.condition === 'passive')).toHaveLength(10);
    expect(dataset.sessions[0]!.epochs.map((e) => e.name)).toEqual(['early stimulus', 'late stimulus', 'pre-decision']);
    const task = dataset.sessions.find((s) => s.condition === 'task')!;
    const passive = dataset.sessions.find((s) => s.condition === 'passive')!;
    expect(task.choice).not.toBeNull();
    expect(passive.choice).toBeNull();
    // Choices follow the stimulus well above chance on the strongest signal.
    let agree = 0;
    let total = 0;
    task.stimulus.forEach((s, t) => {
      if (Math.abs(s) === 4) {
        total++;
        if ((s > 0) === (task.choice![t] === 1)) agree++;
      }
    });
    expect(agree / total).toBeGreaterThan(0.6);
    expect(task.responses.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(0);
  });

  it('truth: task redundancy grows most in the pre-decision epoch; passive does not change', () => {
    const last = DEFAULT_DEMO.sessions - 1;
    const growth = (condition: 'task' | 'passive', epoch: number) =>
      demoTruth(DEFAULT_DEMO, condition, last, epoch).redundancy - demoTruth(DEFAULT_DEMO, condition, 0, epoch).redundancy;
    expect(growth('task', 2)).toBeGreaterThan(growth('task', 1));
    expect(growth('task', 1)).toBeGreaterThan(growth('task', 0));
    expect(growth('task', 0)).toBeGreaterThan(0);
    expect(growth('passive', 2)).toBeCloseTo(0, 12);
  });

  it('estimated: redundancy rises over task sessions and stays flat in passive (pre-decision)', async () => {
    const { frames } = await runAnalysis(simulateLearningDataset(), DEFAULT_SETTINGS);
    const series = (condition: string): FrameAnalysis[] =>
      frames.filter((f) => f.condition === condition && f.epoch === 'pre-decision').sort((a, b) => a.order - b.order);
    const task = series('task');
    const passive = series('passive');
    const taskSlope = slope(task.map((f) => f.order), task.map((f) => f.population.redundancy));
    const passiveSlope = slope(passive.map((f) => f.order), passive.map((f) => f.population.redundancy));
    const truthSlope =
      (demoTruth(DEFAULT_DEMO, 'task', 9, 2).redundancy - demoTruth(DEFAULT_DEMO, 'task', 0, 2).redundancy) / 9;
    expect(taskSlope).toBeGreaterThan(0.5 * truthSlope);
    expect(Math.abs(passiveSlope)).toBeLessThan(0.3 * truthSlope);
  });
});
