import { beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline, selectEdges, timelineFrameIndex, topK, type Timeline } from '../../../shared/network/timeline';
import type { FrameAnalysis } from '../../../shared/analysis/frameAnalysis';
import { anatomicalLayout } from '../../../shared/network/layout/anatomical';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';

const DEFAULT_SETTINGS = resolveSettings(POINT_ESTIMATES_ONLY);
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

describe('edge selection', () => {
  it('topK takes the largest |values|, ties to the lower index, and skips zeros', () => {
    expect(topK(Float32Array.from([0.1, -0.5, 0.5, 0, 0.2]), 3)).toEqual([1, 2, 4]);
    expect(topK(Float32Array.from([0, 0]), 2)).toEqual([]);
  });

  it('the edge set is the union of every frame’s top pairs, capped by peak weight', () => {
    const frameA = Float32Array.from([0.9, 0.1, 0, 0.05]);
    const frameB = Float32Array.from([0.2, 0, 0.7, 0.3]);
    expect(selectEdges([frameA, frameB], { topPerFrame: 1, maxEdges: 10 })).toEqual([0, 2]);
    expect(selectEdges([frameA, frameB], { topPerFrame: 2, maxEdges: 10 })).toEqual([0, 1, 2, 3]);
    expect(selectEdges([frameA, frameB], { topPerFrame: 2, maxEdges: 2 })).toEqual([0, 2]);
  });
});

describe('timeline of the demo', () => {
  const dataset = simulateLearningDataset({ neurons: 16, sessions: 3, trialsPerSide: 40, zeroSignalTrials: 10 });
  let frames: FrameAnalysis[];
  let timeline: Timeline;
  beforeAll(async () => {
    frames = (await runAnalysis(dataset, DEFAULT_SETTINGS)).frames;
    timeline = buildTimeline(dataset, frames, { topPerFrame: 10, maxEdges: 40 });
  });

  it('orders frames condition → session → epoch and indexes them consistently', () => {
    expect(timeline.conditions).toEqual(['task', 'passive']);
    expect(timeline.sessionsPerCondition).toEqual([3, 3]);
    expect(timeline.frames).toHaveLength(3 * 2 * 3);
    const index = timelineFrameIndex(timeline, 1, 2, 1);
    expect(timeline.frames[index]).toMatchObject({ condition: 'passive', session: 'day03-passive', epoch: 'late stimulus' });
  });

  it('holds one weight per frame and edge, on one scale, equal to the analysis', () => {
    const edges = timeline.edges.length / 2;
    expect(edges).toBeGreaterThan(0);
    expect(edges).toBeLessThanOrEqual(40);
    expect(timeline.edgeWeights).toHaveLength(timeline.frames.length * edges);
    let peak = 0;
    for (const w of timeline.edgeWeights) peak = Math.max(peak, Math.abs(w));
    expect(timeline.edgeScale).toBe(peak);
    const frame = frames.find((f) => f.session === 'day01-task' && f.epoch === 'early stimulus')!;
    const [i, j] = [timeline.edges[0]!, timeline.edges[1]!];
    const slot = i * 16 - (i * (i + 1)) / 2 + (j - i - 1);
    expect(timeline.edgeWeights[0]).toBe(frame.pairRedundancy[slot]);
  });
});

describe('anatomical layout', () => {
  it('centres and scales positions into the unit sphere, deterministically', () => {
    const neurons = [
      { id: 'a', position: [0, 0, 0] as const },
      { id: 'b', position: [4, 0, 0] as const },
      { id: 'c', position: [2, 2, 0.1] as const },
    ];
    const layout = anatomicalLayout(neurons);
    for (let i = 0; i < 3; i++) expect(Math.hypot(layout[3 * i]!, layout[3 * i + 1]!, layout[3 * i + 2]!)).toBeLessThanOrEqual(1 + 1e-6);
    expect(Array.from(anatomicalLayout(neurons))).toEqual(Array.from(layout));
  });

  it('puts neurons without positions on a ring instead of hiding them at the origin', () => {
    const layout = anatomicalLayout([{ id: 'a' }, { id: 'b' }]);
    expect(Math.hypot(layout[0]!, layout[2]!)).toBeCloseTo(1, 6);
    expect(layout[0]).not.toBeCloseTo(layout[3]!, 3);
  });
});

describe('timeline buffers for the GPU and the inspector', () => {
  const dataset = simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 40, zeroSignalTrials: 10 });
  let frames: FrameAnalysis[];
  let timeline: Timeline;
  let edges: number;
  let relevance: Float64Array;
  beforeAll(async () => {
    const output = await runAnalysis(dataset, DEFAULT_SETTINGS);
    frames = output.frames;
    relevance = output.relevance;
    timeline = buildTimeline(dataset, frames, { topPerFrame: 8, maxEdges: 30 }, relevance);
    edges = timeline.edges.length / 2;
  });

  it('ranks each frame’s edges by |R| (the top-K filter is rank < K), and keeps each pair’s noise correlation', () => {
    timeline.frames.forEach((info, f) => {
      const weights = timeline.edgeWeights.subarray(f * edges, (f + 1) * edges);
      const ranks = timeline.edgeRank.subarray(f * edges, (f + 1) * edges);
      expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: edges }, (_, k) => k));
      const strongest = ranks.indexOf(0);
      expect(Math.abs(weights[strongest]!)).toBe(Math.max(...Array.from(weights, Math.abs)));
      const frame = frames.find((x) => x.session === info.session && x.epoch === info.epoch)!;
      const [i, j] = [timeline.edges[0]!, timeline.edges[1]!];
      const slot = i * 12 - (i * (i + 1)) / 2 + (j - i - 1);
      expect(timeline.edgeNoiseCorrelation[f * edges]).toBeCloseTo(frame.pairNoiseCorrelation[slot]!, 6);
      expect(timeline.nodeMeanResponse[f * 12 + 3]).toBeCloseTo(frame.neuronMeanResponse[3]!, 4);
      expect(info.trials).toBe(frame.trials);
    });
  });

  it('carries three layouts (deterministic), the relevance and the preferred stimuli', () => {
    const again = buildTimeline(dataset, frames, { topPerFrame: 8, maxEdges: 30 }, relevance);
    for (const name of ['anatomical', 'functional', 'tuning'] as const) {
      expect(timeline.layouts[name]).toHaveLength(36);
      expect(again.layouts[name]).toEqual(timeline.layouts[name]);
    }
    expect(Array.from(timeline.relevance)).toEqual(Array.from(relevance, (r) => Math.fround(r)));
    expect(timeline.preferredStimulus.every((v) => Number.isNaN(v) || dataset.sessions[0]!.stimulus.includes(v))).toBe(true);
  });
});
