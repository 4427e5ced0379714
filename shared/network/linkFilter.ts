import type { Timeline } from './timeline';
import { rankByMagnitude, timelineFrameIndex } from './timeline';

/**
 * Which links a frame shows: its K strongest by |R_ij| (rank < K), those with |R_ij| at or above a
 * threshold, or those significant against the trial-shuffle null (Benjamini–Hochberg). The GPU applies
 * the same rule to every link in its shader; this is the CPU side, for the legend's counts and tests.
 */
export type LinkFilterRule = { mode: 'top'; count: number } | { mode: 'threshold'; value: number } | { mode: 'significant' };

export function isLinkShown(rule: LinkFilterRule, weight: number, rank: number, significant: number): boolean {
  if (rule.mode === 'top') return rank < rule.count && weight !== 0;
  if (rule.mode === 'threshold') return Math.abs(weight) >= rule.value && weight !== 0;
  return significant > 0.5;
}

export function countShownLinks(rule: LinkFilterRule, weights: Float32Array, ranks: Float32Array, significant: Uint8Array | null): number {
  let shown = 0;
  for (let e = 0; e < weights.length; e++) if (isLinkShown(rule, weights[e]!, ranks[e]!, significant ? significant[e]! : 0)) shown++;
  return shown;
}

/**
 * Task − passive link weights at one session ordinal and epoch (0 where the other condition lacks that
 * session), with their ranks: what the difference view draws.
 */
export function differenceFrame(timeline: Timeline, conditions: readonly [number, number], sessionOrdinal: number, epoch: number): { weights: Float32Array; ranks: Float32Array } {
  const edges = timeline.edges.length / 2;
  const weights = new Float32Array(edges);
  const frameOf = (c: number) => (sessionOrdinal < (timeline.sessionsPerCondition[c] ?? 0) ? timelineFrameIndex(timeline, c, sessionOrdinal, epoch) : -1);
  const [a, b] = conditions.map(frameOf) as [number, number];
  for (let e = 0; e < edges; e++) {
    const wa = a >= 0 ? timeline.edgeWeights[a * edges + e]! : 0;
    const wb = b >= 0 ? timeline.edgeWeights[b * edges + e]! : 0;
    weights[e] = a >= 0 && b >= 0 ? wa - wb : 0;
  }
  const ranks = new Float32Array(edges);
  rankByMagnitude(weights, ranks);
  return { weights, ranks };
}
