import { beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline, timelineFrameIndex, type Timeline } from '../../../shared/network/timeline';
import { comparedConditions, differenceFrame } from '../../../shared/network/linkFilter';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { pairIndex } from '../../../shared/analysis/pairIndex';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import type { Dataset } from '../../../shared/dataset/types';
import type { FrameAnalysis } from '../../../shared/analysis/frameAnalysis';
import { readChorusJson } from '../../../shared/formats/chorusJson';
import { smallChorusFile } from '../../helpers/smallDataset';

// The demo with every passive session listed first: conditions appear as [passive, task].
const demo = simulateLearningDataset({ neurons: 12, sessions: 3, trialsPerSide: 40, zeroSignalTrials: 10 });
const passiveFirst: Dataset = { ...demo, sessions: [...demo.sessions.filter((s) => s.condition === 'passive'), ...demo.sessions.filter((s) => s.condition === 'task')] };
const options = { topPerFrame: 5, maxEdges: 20 };

describe('a timeline compares conditions by role', () => {
  let frames: FrameAnalysis[];
  let timeline: Timeline;
  beforeAll(async () => {
    frames = (await runAnalysis(passiveFirst, resolveSettings(POINT_ESTIMATES_ONLY))).frames;
    timeline = buildTimeline(passiveFirst, frames, options);
  });

  it('finds task and passive wherever they appear, and records its options', () => {
    expect(timeline.conditions).toEqual(['passive', 'task']);
    expect(timeline.comparison).toEqual({ task: 1, passive: 0 });
    expect(comparedConditions(timeline)).toEqual({ task: 'task', passive: 'passive' });
    expect(timeline.options).toEqual(options);
  });

  it('the difference view is task − passive at the same session and epoch, ranked by magnitude', () => {
    const edges = timeline.edges.length / 2;
    for (let session = 0; session < 3; session++) {
      for (let epoch = 0; epoch < timeline.epochs.length; epoch++) {
        const { weights, ranks } = differenceFrame(timeline, session, epoch)!;
        const task = timelineFrameIndex(timeline, 1, session, epoch) * edges;
        const passive = timelineFrameIndex(timeline, 0, session, epoch) * edges;
        for (let e = 0; e < edges; e++) expect(weights[e]).toBe(Math.fround(timeline.edgeWeights[task + e]! - timeline.edgeWeights[passive + e]!));
        const strongest = [...weights.keys()].sort((a, b) => Math.abs(weights[b]!) - Math.abs(weights[a]!) || a - b)[0]!;
        expect(ranks[strongest]).toBe(0);
      }
    }
    expect(differenceFrame(timeline, 3, 0)).toBeNull();
  });

  it('has no comparison (and no difference) when no condition is passive', () => {
    const taskOnly: Dataset = { ...demo, sessions: demo.sessions.filter((s) => s.condition === 'task') };
    const only = buildTimeline(taskOnly, frames.filter((f) => f.condition === 'task').map((f) => ({ ...f, sessionIndex: taskOnly.sessions.findIndex((s) => s.id === f.session) })), options);
    expect(only.comparison).toBeNull();
    expect(only.difference).toBeNull();
    expect(differenceFrame(only, 0, 0)).toBeNull();
  });
});

describe('significance in the timeline', () => {
  it('adds every significant pair as an edge and flags it per frame; the layout stays as before', async () => {
    // Task pairs share noise along f′: several are significantly redundant in every task frame.
    const dataset = readChorusJson(JSON.stringify(smallChorusFile({ neurons: 5, trialsPerSide: 60, sessions: 2, passive: true, taskSharedNoise: 12, seed: 7 })), 'shared.chorus.json');
    const statistics = await runAnalysis(dataset, resolveSettings({ intervalDraws: 0, subsets: 0, permutations: 0, shuffles: 200 }));
    const point = buildTimeline(dataset, statistics.frames.map((f) => ({ ...f, pairSignificant: null })), { topPerFrame: 1, maxEdges: 2 });
    const timeline = buildTimeline(dataset, statistics.frames, { topPerFrame: 1, maxEdges: 2 });
    expect(point.edgeSignificant).toBeNull();
    const n = dataset.neurons.length;
    const edges = timeline.edges.length / 2;
    const slotOf = (e: number) => pairIndex(timeline.edges[2 * e]!, timeline.edges[2 * e + 1]!, n);
    let significant = 0;
    timeline.frames.forEach((info, f) => {
      const frame = statistics.frames.find((a) => a.session === info.session && a.epoch === info.epoch)!;
      const inFrame = frame.pairSignificant!.reduce((sum, flag) => sum + flag, 0);
      significant += inFrame;
      let flagged = 0;
      for (let e = 0; e < edges; e++) {
        expect(timeline.edgeSignificant![f * edges + e]).toBe(frame.pairSignificant![slotOf(e)]);
        flagged += timeline.edgeSignificant![f * edges + e]!;
      }
      // Every significant pair of the frame is an edge, not only those among the strongest.
      expect(flagged).toBe(inFrame);
    });
    expect(significant).toBeGreaterThan(0);
    expect(edges).toBeGreaterThan(point.edges.length / 2);
    expect(Array.from(timeline.layouts.functional)).toEqual(Array.from(point.layouts.functional));
  });
});
