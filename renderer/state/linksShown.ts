import { countShownLinks, differenceFrame, type LinkFilterRule } from '../../shared/network/linkFilter';
import { timelineFrameIndex, type Timeline } from '../../shared/network/timeline';

export interface ShownFrame {
  readonly conditionIndex: number;
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
  /** The difference view filters task − passive weights (significance does not apply to differences). */
  readonly difference: boolean;
}

/** How many links the scene draws at this frame under this filter: what the legend and stills say. */
export function shownLinkCount(timeline: Timeline, filter: LinkFilterRule, frame: ShownFrame): number {
  const edges = timeline.edges.length / 2;
  const index = timelineFrameIndex(timeline, frame.conditionIndex, frame.sessionOrdinal, frame.epochIndex);
  const slice = <T extends Float32Array | Uint8Array>(a: T) => a.subarray(index * edges, (index + 1) * edges) as T;
  if (frame.difference) {
    const differences = differenceFrame(timeline, frame.sessionOrdinal, frame.epochIndex);
    return differences ? countShownLinks(filter, differences.weights, differences.ranks, null) : 0;
  }
  return countShownLinks(filter, slice(timeline.edgeWeights), slice(timeline.edgeRank), timeline.edgeSignificant ? slice(timeline.edgeSignificant) : null);
}

/**
 * Pairs of neurons both measured in the frame shown (in the difference view, in both compared
 * conditions): what "· P pairs" in the legend counts. Two neurons never recorded together make no pair.
 */
export function measuredPairCount(timeline: Timeline, frame: ShownFrame): number {
  const n = timeline.neuronIds.length;
  const comparison = timeline.comparison;
  const conditions = frame.difference && comparison ? [comparison.task, comparison.passive] : [frame.conditionIndex];
  const frames = conditions.map((c) => timelineFrameIndex(timeline, c, frame.sessionOrdinal, frame.epochIndex));
  let measured = 0;
  for (let i = 0; i < n; i++) if (frames.every((f) => timeline.nodeUsed[f * n + i] === 1)) measured++;
  return (measured * (measured - 1)) / 2;
}
