import { describe, expect, it } from 'vitest';
import { measuredPairCount, shownLinkCount, shownPairsCsv, type ShownFrame } from '../../../../renderer/state/linksShown';
import { differenceWeights, rankByMagnitude, type Timeline } from '../../../../shared/network/timeline';
import { syntheticTimeline } from '../../../../shared/network/syntheticTimeline';

/**
 * Five links with chosen weights in four frames: task sessions 1–2, then passive sessions 1–2 (one
 * epoch each). A weight of 0 is a pair not measured in that frame.
 */
const WEIGHTS = [
  [0.05, -0.02, 0, 0.01, -0.04], // task, session 1
  [0.08, -0.06, 0.03, 0.02, -0.01], // task, session 2
  [0.05, -0.02, 0.01, 0.01, -0.01], // passive, session 1
  [0.04, -0.01, 0.01, 0.02, 0.01], // passive, session 2
];
const SIGNIFICANT = [
  [1, 0, 1, 0, 1],
  [1, 1, 0, 0, 0],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0],
];

function chosenTimeline(significant: number[][] | null): Timeline {
  const links = 5;
  const edgeWeights = Float32Array.from(WEIGHTS.flat());
  const edgeRank = new Float32Array(edgeWeights.length);
  for (let f = 0; f < WEIGHTS.length; f++) rankByMagnitude(edgeWeights.subarray(f * links, (f + 1) * links), edgeRank.subarray(f * links, (f + 1) * links));
  return {
    ...syntheticTimeline(4, links, 2, 1, 1),
    edgeWeights,
    edgeRank,
    edgeSignificant: significant ? Uint8Array.from(significant.flat()) : null,
    difference: differenceWeights(edgeWeights, links, [2, 2], 1, { task: 0, passive: 1 }),
  };
}

const withSignificance = chosenTimeline(SIGNIFICANT);
const pointEstimates = chosenTimeline(null);
const at = (conditionIndex: number, sessionOrdinal: number, difference = false): ShownFrame => ({ conditionIndex, sessionOrdinal, epochIndex: 0, difference });

describe('links shown at a frame', () => {
  it('top K: the K strongest, never a pair that was not measured', () => {
    expect(shownLinkCount(withSignificance, { mode: 'top', count: 2 }, at(0, 0))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'top', count: 10 }, at(0, 0))).toBe(4);
    expect(shownLinkCount(withSignificance, { mode: 'top', count: 10 }, at(0, 1))).toBe(5);
  });

  it('threshold: every link with |R| at or above it, whatever its sign', () => {
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0.035 }, at(0, 0))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0.015 }, at(0, 1))).toBe(4);
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0.035 }, at(1, 1))).toBe(1);
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0 }, at(0, 0))).toBe(4);
  });

  it('significant only: the flagged links of that frame, not the flagged pairs without a weight', () => {
    expect(shownLinkCount(withSignificance, { mode: 'significant' }, at(0, 0))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'significant' }, at(0, 1))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'significant' }, at(1, 0))).toBe(0);
  });

  it('significant only shows nothing while the frames carry no significance (before the statistics pass)', () => {
    expect(pointEstimates.edgeSignificant).toBeNull();
    expect(shownLinkCount(pointEstimates, { mode: 'significant' }, at(0, 1))).toBe(0);
    expect(shownLinkCount(pointEstimates, { mode: 'top', count: 10 }, at(0, 1))).toBe(5);
  });
});

describe('links shown in the difference view (task − passive at the same session and epoch)', () => {
  // Session 2: task − passive = [0.04, −0.05, 0.02, 0, −0.02].
  it('filters the differences by top K and threshold, whichever condition is current', () => {
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0.035 }, at(0, 1, true))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'threshold', value: 0.035 }, at(1, 1, true))).toBe(2);
    expect(shownLinkCount(withSignificance, { mode: 'top', count: 10 }, at(0, 1, true))).toBe(4);
    expect(shownLinkCount(withSignificance, { mode: 'top', count: 1 }, at(0, 1, true))).toBe(1);
  });

  it('has no significance to filter by', () => {
    expect(shownLinkCount(withSignificance, { mode: 'significant' }, at(0, 0, true))).toBe(0);
  });

  it('shows nothing without a task/passive pair to subtract', () => {
    const uncompared: Timeline = { ...withSignificance, comparison: null, difference: null };
    expect(shownLinkCount(uncompared, { mode: 'top', count: 10 }, at(0, 1, true))).toBe(0);
    expect(shownLinkCount(uncompared, { mode: 'top', count: 10 }, at(0, 1))).toBe(5);
  });
});

describe('pairs measured in a frame (the legend\'s "· P pairs")', () => {
  it('count pairs of neurons both measured there, not every pair of the dataset', () => {
    // 4 neurons, 2 sessions × 1 epoch per condition: task frames 0–1, passive frames 2–3.
    const base = syntheticTimeline(4, 3, 2, 1, 5);
    const used = Uint8Array.from([
      [1, 1, 1, 1], // task, session 1: 6 pairs
      [1, 0, 1, 0], // task, session 2: 1 pair
      [1, 0, 0, 0], // passive, session 1: none
      [0, 1, 1, 0], // passive, session 2: 1 pair
    ].flat());
    const timeline: Timeline = { ...base, nodeUsed: used };
    const at = (conditionIndex: number, sessionOrdinal: number, difference = false) => measuredPairCount(timeline, { conditionIndex, sessionOrdinal, epochIndex: 0, difference });
    expect([at(0, 0), at(0, 1), at(1, 0), at(1, 1)]).toEqual([6, 1, 0, 1]);
    // The difference view needs a pair in both: session 2 has neuron 2 alone in both conditions.
    expect([at(0, 0, true), at(0, 1, true)]).toEqual([0, 0]);
  });

  it('two neurons never recorded together make no pair', () => {
    const base = syntheticTimeline(2, 1, 1, 1, 5);
    const timeline: Timeline = { ...base, nodeUsed: Uint8Array.from([1, 0, 0, 1]) };
    expect(measuredPairCount(timeline, { conditionIndex: 0, sessionOrdinal: 0, epochIndex: 0, difference: false })).toBe(0);
    expect(measuredPairCount(timeline, { conditionIndex: 1, sessionOrdinal: 0, epochIndex: 0, difference: false })).toBe(0);
  });
});

describe('the shown pairs as CSV', () => {
  it('lists exactly the links the count counts, strongest first, with their significance', () => {
    const lines = shownPairsCsv(withSignificance, { mode: 'top', count: 2 }, at(0, 0)).trim().split('\n');
    expect(lines[0]).toBe('neuron_a,neuron_b,rank,redundancy,redundancy_se,significant_fdr,noise_correlation');
    expect(lines).toHaveLength(1 + shownLinkCount(withSignificance, { mode: 'top', count: 2 }, at(0, 0)));
    // Task session 1: 0.05 (link 0) is strongest, then −0.04 (link 4); both flagged significant.
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 4).map(Number))).toEqual([[1, 0.05], [2, -0.04]].map(([r, w]) => [r, Math.fround(w!)]));
    expect(lines.slice(1).map((line) => line.split(',')[5])).toEqual(['1', '1']);
  });

  it('in the difference view: the differences, without significance or noise correlation', () => {
    const rows = shownPairsCsv(withSignificance, { mode: 'top', count: 10 }, at(0, 1, true)).trim().split('\n').slice(1);
    expect(rows).toHaveLength(shownLinkCount(withSignificance, { mode: 'top', count: 10 }, at(0, 1, true)));
    expect(rows.every((row) => row.endsWith(',,,'))).toBe(true);
  });
});
