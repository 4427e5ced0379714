import { countShownLinks, differenceFrame, type LinkFilterRule } from '../../shared/network/linkFilter';
import { timelineFrameIndex, type Timeline } from '../../shared/network/timeline';
import type { AppStatistics } from '../workers/protocol';
import { edgeSignificance } from './edgeSignificance';

export interface ShownFrame {
  readonly conditionIndex: number;
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
  /** The difference view filters task − passive weights (significance does not apply to differences). */
  readonly difference: boolean;
}

/** How many links the scene draws at this frame under this filter: what the legend and stills say. */
export function shownLinkCount(timeline: Timeline, statistics: AppStatistics | null, filter: LinkFilterRule, frame: ShownFrame): number {
  const edges = timeline.edges.length / 2;
  const index = timelineFrameIndex(timeline, frame.conditionIndex, frame.sessionOrdinal, frame.epochIndex);
  const slice = <T extends Float32Array | Uint8Array>(a: T) => a.subarray(index * edges, (index + 1) * edges) as T;
  if (frame.difference) {
    const { weights, ranks } = differenceFrame(timeline, [0, 1], frame.sessionOrdinal, frame.epochIndex);
    return countShownLinks(filter, weights, ranks, null);
  }
  const significance = edgeSignificance(timeline, statistics);
  return countShownLinks(filter, slice(timeline.edgeWeights), slice(timeline.edgeRank), significance ? slice(significance) : null);
}
