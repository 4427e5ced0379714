import { isLinkShown, type LinkFilterRule } from '../network/linkFilter';
import type { Timeline } from '../network/timeline';

/**
 * The neurons a tapped neuron is linked to on screen in one timeline frame (by the links the filter
 * shows): what the kiosk's plain sentence counts ("shares information with 4 other neurons"), the
 * same links the scene lights up for a selected neuron.
 */
export function shownPartners(timeline: Timeline, frame: number, neuron: number, filter: LinkFilterRule): number[] {
  const edges = timeline.edges.length / 2;
  const partners: number[] = [];
  for (let e = 0; e < edges; e++) {
    const [a, b] = [timeline.edges[2 * e]!, timeline.edges[2 * e + 1]!];
    if (a !== neuron && b !== neuron) continue;
    const k = frame * edges + e;
    if (isLinkShown(filter, timeline.edgeWeights[k]!, timeline.edgeRank[k]!, timeline.edgeSignificant ? timeline.edgeSignificant[k]! : 0)) partners.push(a === neuron ? b : a);
  }
  return partners;
}
