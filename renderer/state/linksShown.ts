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
