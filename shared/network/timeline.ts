import type { Dataset } from '../dataset/types';
import type { FrameAnalysis, PopulationMeasures } from '../analysis/frameAnalysis';
import { pairAt } from '../analysis/pairIndex';
import { anatomicalLayout } from './layout/anatomical';

/**
 * What the scene draws: one stable edge set for all frames, per-frame edge and node weights as flat
 * Float32Arrays (frames × edges, frames × neurons) so the GPU can interpolate between any two frames.
 * Frames are ordered condition → session (by order) → epoch, so one condition's frames are contiguous.
 */
export interface TimelineFrame {
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  /** Position of the session among its condition's sessions, from 0. */
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
  readonly epoch: string;
  readonly population: PopulationMeasures;
}

export interface Timeline {
  readonly datasetName: string;
  readonly matching: string;
  readonly neuronIds: readonly string[];
  readonly positions: Float32Array;
  readonly conditions: readonly string[];
  readonly epochs: readonly string[];
  /** Sessions per condition, in the order of `conditions`. */
  readonly sessionsPerCondition: readonly number[];
  readonly frames: readonly TimelineFrame[];
  /** Neuron index pairs, 2 per edge. */
  readonly edges: Uint32Array;
  /** Pairwise redundancy R_ij, frames × edges. */
  readonly edgeWeights: Float32Array;
  /** Single-neuron information, clipped at 0 for display, frames × neurons. */
  readonly nodeWeights: Float32Array;
  /** Largest |edge weight| and node weight over all frames: one scale for the whole timeline. */
  readonly edgeScale: number;
  readonly nodeScale: number;
}

export interface TimelineOptions {
  /** Strongest |R_ij| pairs taken from each frame; their union is the edge set. */
  readonly topPerFrame: number;
  /** Cap on the union, keeping the pairs with the largest |R_ij| in any frame. */
  readonly maxEdges: number;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = { topPerFrame: 40, maxEdges: 500 };

/** Frame index of (condition, session ordinal, epoch) in the timeline's frame order. */
export function timelineFrameIndex(timeline: Timeline, condition: number, sessionOrdinal: number, epoch: number): number {
  let offset = 0;
  for (let c = 0; c < condition; c++) offset += timeline.sessionsPerCondition[c]! * timeline.epochs.length;
  return offset + sessionOrdinal * timeline.epochs.length + epoch;
}

export function buildTimeline(
  dataset: Dataset,
  frames: readonly FrameAnalysis[],
  options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS,
): Timeline {
  const n = dataset.neurons.length;
  const conditions = [...new Set(dataset.sessions.map((s) => s.condition))];
  const epochs = [...new Set(dataset.sessions.flatMap((s) => s.epochs.map((e) => e.name)))];
  const ordered: { frame: FrameAnalysis; sessionOrdinal: number; epochIndex: number }[] = [];
  const sessionsPerCondition = conditions.map((condition) => {
    const sessions = dataset.sessions
      .map((session, index) => ({ session, index }))
      .filter(({ session }) => session.condition === condition)
      .sort((a, b) => a.session.order - b.session.order);
    sessions.forEach(({ index }, sessionOrdinal) => {
      epochs.forEach((name, epochIndex) => {
        const frame = frames.find((f) => f.sessionIndex === index && f.epoch === name);
        if (!frame) throw new Error(`session "${dataset.sessions[index]!.id}" has no epoch "${name}"; every session of a dataset must share its epochs`);
        ordered.push({ frame, sessionOrdinal, epochIndex });
      });
    });
    return sessions.length;
  });

  const edgeSlots = selectEdges(ordered.map((o) => o.frame.pairRedundancy), options);
  const edges = new Uint32Array(edgeSlots.length * 2);
  edgeSlots.forEach((slot, e) => {
    const [i, j] = pairAt(slot, n);
    edges[2 * e] = i;
    edges[2 * e + 1] = j;
  });
  const edgeWeights = new Float32Array(ordered.length * edgeSlots.length);
  const nodeWeights = new Float32Array(ordered.length * n);
  let edgeScale = 0;
  let nodeScale = 0;
  ordered.forEach(({ frame }, f) => {
    edgeSlots.forEach((slot, e) => {
      const w = frame.pairRedundancy[slot]!;
      edgeWeights[f * edgeSlots.length + e] = w;
      edgeScale = Math.max(edgeScale, Math.abs(w));
    });
    for (let i = 0; i < n; i++) {
      const w = frame.used[i] === 1 ? Math.max(0, frame.neuronFisher[i]!) : 0;
      nodeWeights[f * n + i] = w;
      nodeScale = Math.max(nodeScale, w);
    }
  });

  return {
    datasetName: dataset.name,
    matching: dataset.matching,
    neuronIds: dataset.neurons.map((neuron) => neuron.id),
    positions: anatomicalLayout(dataset.neurons),
    conditions,
    epochs,
    sessionsPerCondition,
    frames: ordered.map(({ frame, sessionOrdinal, epochIndex }) => ({
      session: frame.session,
      condition: frame.condition,
      order: frame.order,
      sessionOrdinal,
      epochIndex,
      epoch: frame.epoch,
      population: frame.population,
    })),
    edges,
    edgeWeights,
    nodeWeights,
    edgeScale,
    nodeScale,
  };
}

/** Union of each frame's top-K pairs by |weight|, capped at maxEdges by each pair's largest |weight|. */
export function selectEdges(pairWeights: readonly Float32Array[], options: TimelineOptions): number[] {
  const peak = new Map<number, number>();
  for (const weights of pairWeights) {
    const top = topK(weights, options.topPerFrame);
    for (const slot of top) peak.set(slot, Math.max(peak.get(slot) ?? 0, Math.abs(weights[slot]!)));
  }
  for (const weights of pairWeights) {
    for (const slot of peak.keys()) peak.set(slot, Math.max(peak.get(slot)!, Math.abs(weights[slot]!)));
  }
  return [...peak.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.maxEdges)
    .map(([slot]) => slot)
    .sort((a, b) => a - b);
}

/** Indices of the k largest non-zero |values| (ties by lower index). */
export function topK(values: Float32Array, k: number): number[] {
  const indices = Array.from(values.keys()).filter((i) => values[i] !== 0);
  indices.sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!) || a - b);
  return indices.slice(0, k);
}
