import type { Timeline } from './timeline';

/**
 * Which links a frame shows: its K strongest by |R_ij| (rank < K), those with |R_ij| at or above a
 * threshold, or those significant against the trial-shuffle null (Benjamini–Hochberg). The GPU applies
 * the same rule to every link in its shader; this is the CPU side, for the legend's counts and tests.
 */
export type LinkFilterRule = { mode: 'top'; count: number } | { mode: 'threshold'; value: number } | { mode: 'significant' };

export function isLinkShown(rule: LinkFilterRule, weight: number, rank: number, significant: number): boolean {
  // A zero weight is a pair not measured in this frame (a neuron left out): nothing to draw in any mode.
  if (weight === 0) return false;
  if (rule.mode === 'top') return rank < rule.count;
  if (rule.mode === 'threshold') return Math.abs(weight) >= rule.value;
  return significant > 0.5;
}

export function countShownLinks(rule: LinkFilterRule, weights: Float32Array, ranks: Float32Array, significant: Uint8Array | null): number {
  let shown = 0;
  for (let e = 0; e < weights.length; e++) if (isLinkShown(rule, weights[e]!, ranks[e]!, significant ? significant[e]! : 0)) shown++;
  return shown;
}

/**
 * Task − passive link weights at one session ordinal and epoch, with their ranks (views into the
 * timeline's precomputed difference; 0 where either condition lacks that session), or null without a
 * task/passive pair: what the difference view draws.
 */
/** The names of the compared conditions, for labels ("task", "passive" as the dataset calls them); null without a pair. */
export function comparedConditions(timeline: Timeline): { task: string; passive: string } | null {
  const { comparison } = timeline;
  return comparison ? { task: timeline.conditions[comparison.task]!, passive: timeline.conditions[comparison.passive]! } : null;
}

export function differenceFrame(timeline: Timeline, sessionOrdinal: number, epoch: number): { weights: Float32Array; ranks: Float32Array } | null {
  const { difference } = timeline;
  if (!difference || sessionOrdinal >= difference.sessions) return null;
  const edges = timeline.edges.length / 2;
  const start = (sessionOrdinal * timeline.epochs.length + epoch) * edges;
  return { weights: difference.weights.subarray(start, start + edges), ranks: difference.ranks.subarray(start, start + edges) };
}
