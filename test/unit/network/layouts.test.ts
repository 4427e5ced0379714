import { describe, expect, it } from 'vitest';
import { functionalLayout } from '../../../shared/network/layout/functional';
import { tuningRingLayout } from '../../../shared/network/layout/tuning';
import { countShownLinks, differenceFrame, isLinkShown } from '../../../shared/network/linkFilter';
import { preferredStimuli, rankByMagnitude } from '../../../shared/network/timeline';
import { syntheticTimeline } from '../../../shared/network/syntheticTimeline';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

const distance = (p: Float32Array, i: number, j: number) => Math.hypot(p[3 * i]! - p[3 * j]!, p[3 * i + 1]! - p[3 * j + 1]!, p[3 * i + 2]! - p[3 * j + 2]!);

describe('functional layout', () => {
  // Two cliques of 10 that share information inside, nothing between them.
  const edges: number[] = [];
  const strength: number[] = [];
  for (const offset of [0, 10]) {
    for (let i = 0; i < 10; i++) {
      for (let j = i + 1; j < 10; j++) {
        edges.push(offset + i, offset + j);
        strength.push(1);
      }
    }
  }
  const layout = functionalLayout(20, Uint32Array.from(edges), Float32Array.from(strength), { seed: 3, iterations: 150 });

  it('is deterministic for a seed and differs for another', () => {
    expect(functionalLayout(20, Uint32Array.from(edges), Float32Array.from(strength), { seed: 3, iterations: 150 })).toEqual(layout);
    expect(functionalLayout(20, Uint32Array.from(edges), Float32Array.from(strength), { seed: 4, iterations: 150 })).not.toEqual(layout);
  });

  it('puts neurons that share information together, within radius 1.3', () => {
    let within = 0;
    let between = 0;
    for (let i = 0; i < 20; i++) {
      for (let j = i + 1; j < 20; j++) {
        if (Math.floor(i / 10) === Math.floor(j / 10)) within += distance(layout, i, j) / 90;
        else between += distance(layout, i, j) / 100;
      }
    }
    expect(between).toBeGreaterThan(2 * within);
    for (let i = 0; i < 20; i++) expect(Math.hypot(layout[3 * i]!, layout[3 * i + 1]!, layout[3 * i + 2]!)).toBeLessThanOrEqual(1.3 + 1e-6);
  });

  it('handles thousands of neurons with sampled repulsion, still deterministically', () => {
    const big = syntheticTimeline(3000, 6000, 1, 1);
    const first = functionalLayout(3000, big.edges, big.edgeWeights.subarray(0, 6000), { seed: 1, iterations: 20 });
    expect(first.every(Number.isFinite)).toBe(true);
    expect(functionalLayout(3000, big.edges, big.edgeWeights.subarray(0, 6000), { seed: 1, iterations: 20 })).toEqual(first);
  });
});

describe('tuning ring', () => {
  it('places neurons by preferred stimulus around the circle, relevant ones outside', () => {
    const layout = tuningRingLayout([0, 90, 180, 270, 0, Number.NaN], [0.1, 0.2, 0.3, 0.4, 0.9, 0.5]);
    const angle = (i: number) => Math.atan2(layout[3 * i + 2]!, layout[3 * i]!);
    expect(angle(1) - angle(0)).toBeCloseTo(Math.PI / 2, 1);
    expect(Math.abs(angle(2))).toBeCloseTo(Math.PI, 1);
    // Same preference: the more relevant neuron (4) sits further out than neuron 0.
    expect(Math.hypot(layout[12]!, layout[14]!)).toBeGreaterThan(Math.hypot(layout[0]!, layout[2]!));
    // No preference: the centre column.
    expect([layout[15], layout[17]]).toEqual([0, 0]);
  });
});

describe('link filter', () => {
  const weights = Float32Array.from([0.5, -0.4, 0.1, 0, -0.05]);
  const ranks = new Float32Array(5);
  rankByMagnitude(weights, ranks);

  it('ranks by |weight|, ties to the lower index', () => {
    expect(Array.from(ranks)).toEqual([0, 1, 2, 4, 3]);
  });

  it('top-K, threshold and significance each choose their links; zero-weight links never show', () => {
    expect(countShownLinks({ mode: 'top', count: 2 }, weights, ranks, null)).toBe(2);
    expect(countShownLinks({ mode: 'top', count: 5 }, weights, ranks, null)).toBe(4);
    expect(countShownLinks({ mode: 'threshold', value: 0.1 }, weights, ranks, null)).toBe(3);
    expect(countShownLinks({ mode: 'significant' }, weights, ranks, Uint8Array.from([1, 0, 0, 0, 1]))).toBe(2);
    expect(countShownLinks({ mode: 'significant' }, weights, ranks, null)).toBe(0);
    expect(isLinkShown({ mode: 'threshold', value: 0 }, 0, 3, 0)).toBe(false);
  });

  it('the difference view subtracts passive from task at the same session and epoch', () => {
    const timeline = syntheticTimeline(30, 50, 3, 2);
    const { weights: diff, ranks: diffRanks } = differenceFrame(timeline, 2, 1)!;
    const task = (2 * 2 + 1) * 50;
    const passive = (3 * 2 + 2 * 2 + 1) * 50;
    for (let e = 0; e < 50; e++) expect(diff[e]).toBeCloseTo(timeline.edgeWeights[task + e]! - timeline.edgeWeights[passive + e]!, 6);
    expect(diffRanks.filter((r) => r === 0)).toHaveLength(1);
  });
});

describe('preferred stimulus', () => {
  it('is the stimulus value with the largest mean response over task sessions', () => {
    const dataset = simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 30, zeroSignalTrials: 10 });
    const preferred = preferredStimuli(dataset);
    const session = dataset.sessions.find((s) => s.condition === 'task')!;
    const values = [...new Set(session.stimulus)];
    // Recompute for neuron 0 by hand over the task sessions.
    const means = values.map((value) => {
      let sum = 0;
      let count = 0;
      for (const s of dataset.sessions.filter((x) => x.condition === 'task')) {
        for (let t = 0; t < s.trialCount; t++) {
          if (s.stimulus[t] !== value) continue;
          for (let e = 0; e < s.epochs.length; e++) {
            sum += s.responses[(t * s.epochs.length + e) * 12]!;
            count++;
          }
        }
      }
      return sum / count;
    });
    expect(preferred[0]).toBe(values[means.indexOf(Math.max(...means))]);
  });
});
