import { pairIndex } from '../../shared/analysis/pairIndex';
import type { Timeline } from '../../shared/network/timeline';
import type { AppStatistics } from '../workers/protocol';

/**
 * Significance of each timeline edge in each frame (frames × edges, 1 = significant against the
 * trial-shuffle null after FDR), from the statistics pass; null until it is done or without shuffles.
 */
const cache = new WeakMap<AppStatistics, { timeline: Timeline; flags: Uint8Array | null }>();

export function edgeSignificance(timeline: Timeline, statistics: AppStatistics | null): Uint8Array | null {
  if (!statistics) return null;
  const hit = cache.get(statistics);
  if (hit && hit.timeline === timeline) return hit.flags;
  const n = timeline.neuronIds.length;
  const edges = timeline.edges.length / 2;
  const edgeOfSlot = new Map<number, number>();
  for (let e = 0; e < edges; e++) edgeOfSlot.set(pairIndex(timeline.edges[2 * e]!, timeline.edges[2 * e + 1]!, n), e);
  let flags: Uint8Array | null = new Uint8Array(timeline.frames.length * edges);
  timeline.frames.forEach((frame, f) => {
    const stats = statistics.frames.find((s) => s.session === frame.session && s.epoch === frame.epoch);
    if (!stats?.significantPairSlots) {
      flags = null;
      return;
    }
    for (const slot of stats.significantPairSlots) {
      const e = edgeOfSlot.get(slot);
      if (e !== undefined) flags![f * edges + e] = 1;
    }
  });
  cache.set(statistics, { timeline, flags });
  return flags;
}
