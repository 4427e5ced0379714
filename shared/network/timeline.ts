import type { Dataset, Session } from '../dataset/types';
import { conditionRoles } from '../dataset/conditionRoles';
import type { FrameAnalysis, PopulationMeasures } from '../analysis/frameAnalysis';
import { pairAt } from '../analysis/pairIndex';
import { anatomicalLayout } from './layout/anatomical';
import { functionalLayout } from './layout/functional';
import { tuningRingLayout } from './layout/tuning';

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
  readonly trials: number;
  readonly population: PopulationMeasures;
}

export const LAYOUT_NAMES = ['anatomical', 'functional', 'tuning'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export interface Timeline {
  readonly datasetName: string;
  readonly matching: string;
  readonly neuronIds: readonly string[];
  /** Recorded area of each neuron, or null when the dataset names none. */
  readonly areas: readonly (string | null)[];
  /** Node positions (xyz per neuron) of each layout, computed once per dataset. */
  readonly layouts: Readonly<Record<LayoutName, Float32Array>>;
  /** Task relevance of each neuron (|d′| of the task discrimination; NaN where unknown). */
  readonly relevance: Float32Array;
  /** The stimulus value each neuron responds most to (task sessions; NaN where unknown). */
  readonly preferredStimulus: Float32Array;
  readonly conditions: readonly string[];
  /**
   * The two conditions the split and difference views compare, as indices into `conditions`: the task
   * and the passive condition by role (conditionRoles), never by position; null without two such roles.
   */
  readonly comparison: { readonly task: number; readonly passive: number } | null;
  readonly epochs: readonly string[];
  /** Sessions per condition, in the order of `conditions`. */
  readonly sessionsPerCondition: readonly number[];
  readonly frames: readonly TimelineFrame[];
  /** Neuron index pairs, 2 per edge. */
  readonly edges: Uint32Array;
  /** Pairwise redundancy R_ij, frames × edges. */
  readonly edgeWeights: Float32Array;
  /** Rank of each edge by |R_ij| within its frame (0 = strongest), frames × edges: top-K is rank < K. */
  readonly edgeRank: Float32Array;
  /** Standard error of each edge's redundancy (95% interval ± Z_95 of it), frames × edges; null before the statistics pass, NaN where undefined. */
  readonly edgeRedundancyError: Float32Array | null;
  /** Noise correlation of each edge's pair, frames × edges. */
  readonly edgeNoiseCorrelation: Float32Array;
  /** Mean response and choice probability (NaN without choices) of each neuron, frames × neurons. */
  readonly nodeMeanResponse: Float32Array;
  readonly nodeChoiceProbability: Float32Array;
  /** 1 where a neuron was recorded and analysed in a frame, frames × neurons (0: absent from that session, or left out). */
  readonly nodeUsed: Uint8Array;
  /** Single-neuron information, clipped at 0 for display, frames × neurons. */
  readonly nodeWeights: Float32Array;
  /**
   * 1 where an edge's pair is significant in a frame (trial-shuffle null, BH), frames × edges; null when
   * the frames carry no significance (the point-estimate pass). Every significant pair is an edge.
   */
  readonly edgeSignificant: Uint8Array | null;
  /** Task − passive weights and their ranks by magnitude, (session ordinal × epochs) × edges; null without `comparison`. */
  readonly difference: { readonly sessions: number; readonly weights: Float32Array; readonly ranks: Float32Array } | null;
  /** Largest |edge weight| and node weight over all frames: one scale for the whole timeline. */
  readonly edgeScale: number;
  readonly nodeScale: number;
  /** The options the timeline was built with. */
  readonly options: TimelineOptions;
}

export interface TimelineOptions {
  /** Strongest |R_ij| pairs taken from each frame; their union is the edge set. */
  readonly topPerFrame: number;
  /** Cap on the union, keeping the pairs with the largest |R_ij| in any frame (significant pairs come on top). */
  readonly maxEdges: number;
}

/** Enough pairs for the link filter's top-K and significance views; the filter decides what is drawn. */
export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = { topPerFrame: 400, maxEdges: 20_000 };

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
  relevance: ArrayLike<number> | null = null,
): Timeline {
  const n = dataset.neurons.length;
  const epochs = [...new Set(dataset.sessions.flatMap((s) => s.epochs.map((e) => e.name)))];
  const { conditions, comparison, sessionsPerCondition, ordered } = orderTimelineFrames(dataset.sessions, epochs, (index, name) => {
    const frame = frames.find((f) => f.sessionIndex === index && f.epoch === name);
    if (!frame) throw new Error(`session "${dataset.sessions[index]!.id}" has no epoch "${name}"; every session of a dataset must share its epochs`);
    return frame;
  });

  const strongest = selectEdges(ordered.map((o) => o.frame.pairRedundancy), options);
  const significance = ordered.every((o) => o.frame.pairSignificant !== null) ? ordered.map((o) => o.frame.pairSignificant!) : null;
  const edgeSlots = significance ? withSignificantPairs(strongest, significance) : strongest;
  const edges = new Uint32Array(edgeSlots.length * 2);
  edgeSlots.forEach((slot, e) => {
    const [i, j] = pairAt(slot, n);
    edges[2 * e] = i;
    edges[2 * e + 1] = j;
  });
  const edgeCount = edgeSlots.length;
  const edgeWeights = new Float32Array(ordered.length * edgeCount);
  const edgeRank = new Float32Array(ordered.length * edgeCount);
  const edgeNoiseCorrelation = new Float32Array(ordered.length * edgeCount);
  const edgeRedundancyError = ordered.every((o) => o.frame.pairRedundancyError !== null) ? new Float32Array(ordered.length * edgeCount) : null;
  const nodeWeights = new Float32Array(ordered.length * n);
  const nodeMeanResponse = new Float32Array(ordered.length * n);
  const nodeUsed = new Uint8Array(ordered.length * n);
  const nodeChoiceProbability = new Float32Array(ordered.length * n).fill(Number.NaN);
  const edgeSignificant = significance ? new Uint8Array(ordered.length * edgeCount) : null;
  const meanStrength = new Float32Array(edgeCount);
  let edgeScale = 0;
  let nodeScale = 0;
  ordered.forEach(({ frame }, f) => {
    edgeSlots.forEach((slot, e) => {
      const w = frame.pairRedundancy[slot]!;
      edgeWeights[f * edgeCount + e] = w;
      edgeNoiseCorrelation[f * edgeCount + e] = frame.pairNoiseCorrelation[slot]!;
      if (edgeRedundancyError) edgeRedundancyError[f * edgeCount + e] = frame.pairRedundancyError![slot]!;
      if (edgeSignificant) edgeSignificant[f * edgeCount + e] = frame.pairSignificant![slot]!;
      meanStrength[e]! += Math.abs(w) / ordered.length;
      edgeScale = Math.max(edgeScale, Math.abs(w));
    });
    rankByMagnitude(edgeWeights.subarray(f * edgeCount, (f + 1) * edgeCount), edgeRank.subarray(f * edgeCount, (f + 1) * edgeCount));
    for (let i = 0; i < n; i++) {
      const w = frame.used[i] === 1 ? Math.max(0, frame.neuronFisher[i]!) : 0;
      nodeWeights[f * n + i] = w;
      nodeScale = Math.max(nodeScale, w);
      nodeMeanResponse[f * n + i] = frame.neuronMeanResponse[i]!;
      nodeUsed[f * n + i] = frame.used[i] === 1 ? 1 : 0;
      if (frame.neuronChoiceProbability) nodeChoiceProbability[f * n + i] = frame.neuronChoiceProbability[i]!;
    }
  });
  const preferredStimulus = preferredStimuli(dataset);
  const relevanceOfNeurons = Float32Array.from({ length: n }, (_, i) => (relevance ? relevance[i]! : Number.NaN));

  return {
    datasetName: dataset.name,
    matching: dataset.matching,
    neuronIds: dataset.neurons.map((neuron) => neuron.id),
    areas: dataset.neurons.map((neuron) => neuron.area ?? null),
    layouts: {
      anatomical: anatomicalLayout(dataset.neurons),
      // From the strongest pairs alone, so the layout is the same before and after significance arrives.
      functional: functionalLayout(n, ...strongestOnly(edgeSlots, strongest, edges, meanStrength)),
      tuning: tuningRingLayout(preferredStimulus, relevanceOfNeurons),
    },
    relevance: relevanceOfNeurons,
    preferredStimulus,
    conditions,
    comparison,
    epochs,
    sessionsPerCondition,
    frames: timelineFrames(ordered),
    edges,
    edgeWeights,
    edgeRank,
    edgeRedundancyError,
    edgeNoiseCorrelation,
    nodeMeanResponse,
    nodeUsed,
    nodeChoiceProbability,
    nodeWeights,
    edgeSignificant,
    difference: comparison ? differenceWeights(edgeWeights, edgeCount, sessionsPerCondition, epochs.length, comparison) : null,
    edgeScale,
    nodeScale,
    options,
  };
}

/** A frame in timeline order, with its session's position among its condition's sessions. */
export interface OrderedFrame<F> {
  readonly frame: F;
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
}

/**
 * The timeline's frame order — condition (in order of first appearance, roles by conditionRoles), then
 * session by order, then epoch — for a dataset's frames or saved results' alike. `frameOf` gives the frame
 * of a session (by index) and epoch name, and throws where there is none.
 */
export function orderTimelineFrames<F>(
  sessions: readonly Pick<Session, 'condition' | 'choice' | 'order'>[],
  epochs: readonly string[],
  frameOf: (sessionIndex: number, epoch: string) => F,
): { conditions: string[]; comparison: Timeline['comparison']; sessionsPerCondition: number[]; ordered: OrderedFrame<F>[] } {
  const roles = conditionRoles({ sessions });
  const conditions = roles.conditions.map((c) => c.name);
  const comparison = roles.task !== null && roles.passive !== null ? { task: conditions.indexOf(roles.task), passive: conditions.indexOf(roles.passive) } : null;
  const ordered: OrderedFrame<F>[] = [];
  const sessionsPerCondition = conditions.map((condition) => {
    const ofCondition = sessions
      .map((session, index) => ({ session, index }))
      .filter(({ session }) => session.condition === condition)
      .sort((a, b) => a.session.order - b.session.order);
    ofCondition.forEach(({ index }, sessionOrdinal) => epochs.forEach((name, epochIndex) => ordered.push({ frame: frameOf(index, name), sessionOrdinal, epochIndex })));
    return ofCondition.length;
  });
  return { conditions, comparison, sessionsPerCondition, ordered };
}

/** The timeline's record of each ordered frame. */
export function timelineFrames(ordered: readonly OrderedFrame<Omit<TimelineFrame, 'sessionOrdinal' | 'epochIndex'>>[]): TimelineFrame[] {
  return ordered.map(({ frame, sessionOrdinal, epochIndex }) => ({
    session: frame.session,
    condition: frame.condition,
    order: frame.order,
    sessionOrdinal,
    epochIndex,
    epoch: frame.epoch,
    trials: frame.trials,
    population: frame.population,
  }));
}

/** The edge set with every pair that is significant in any frame added (sorted by pair slot). */
function withSignificantPairs(strongest: readonly number[], significance: readonly Uint8Array[]): number[] {
  const slots = new Set(strongest);
  for (const flags of significance) for (let slot = 0; slot < flags.length; slot++) if (flags[slot] === 1) slots.add(slot);
  return [...slots].sort((a, b) => a - b);
}

/** The edges (node pairs) and mean strengths of the magnitude-chosen pairs only. */
function strongestOnly(edgeSlots: readonly number[], strongest: readonly number[], edges: Uint32Array, meanStrength: Float32Array): [Uint32Array, Float32Array] {
  if (strongest.length === edgeSlots.length) return [edges, meanStrength];
  const keep = new Set(strongest);
  const kept = [...edgeSlots.keys()].filter((e) => keep.has(edgeSlots[e]!));
  return [Uint32Array.from(kept.flatMap((e) => [edges[2 * e]!, edges[2 * e + 1]!])), Float32Array.from(kept, (e) => meanStrength[e]!)];
}

/**
 * Task − passive weights for every (session ordinal, epoch), 0 where either condition lacks that session,
 * ranked by magnitude: computed once here, so the scene and the legend only take views of it.
 */
export function differenceWeights(
  edgeWeights: Float32Array,
  edgeCount: number,
  sessionsPerCondition: readonly number[],
  epochs: number,
  { task, passive }: { task: number; passive: number },
): { sessions: number; weights: Float32Array; ranks: Float32Array } {
  const sessions = Math.max(sessionsPerCondition[task]!, sessionsPerCondition[passive]!);
  const weights = new Float32Array(sessions * epochs * edgeCount);
  const ranks = new Float32Array(weights.length);
  const offsetOf = (c: number) => sessionsPerCondition.slice(0, c).reduce((sum, k) => sum + k * epochs, 0);
  for (let s = 0; s < sessions; s++) {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const out = (s * epochs + epoch) * edgeCount;
      if (s < sessionsPerCondition[task]! && s < sessionsPerCondition[passive]!) {
        const a = (offsetOf(task) + s * epochs + epoch) * edgeCount;
        const b = (offsetOf(passive) + s * epochs + epoch) * edgeCount;
        for (let e = 0; e < edgeCount; e++) weights[out + e] = edgeWeights[a + e]! - edgeWeights[b + e]!;
      }
      rankByMagnitude(weights.subarray(out, out + edgeCount), ranks.subarray(out, out + edgeCount));
    }
  }
  return { sessions, weights, ranks };
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

/** Writes each value's rank by |value| (0 = largest; ties to the lower index) into `ranks`. */
export function rankByMagnitude(values: Float32Array, ranks: Float32Array): void {
  const order = Array.from(values.keys()).sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!) || a - b);
  order.forEach((index, rank) => (ranks[index] = rank));
}

/**
 * Each neuron's preferred stimulus: the stimulus value with its largest mean response over the task
 * sessions (all sessions when none is called task) and every epoch. NaN for a neuron that never varies.
 */
export function preferredStimuli(dataset: Dataset): Float32Array {
  const n = dataset.neurons.length;
  const taskCondition = conditionRoles(dataset).task;
  const task = dataset.sessions.filter((s) => s.condition === taskCondition);
  const sessions = task.length > 0 ? task : dataset.sessions;
  const sums = new Map<number, { sum: Float64Array; count: Float64Array }>();
  for (const session of sessions) {
    const epochs = session.epochs.length;
    for (let t = 0; t < session.trialCount; t++) {
      const value = session.stimulus[t]!;
      let entry = sums.get(value);
      if (!entry) sums.set(value, (entry = { sum: new Float64Array(n), count: new Float64Array(n) }));
      for (let e = 0; e < epochs; e++) {
        const base = (t * epochs + e) * n;
        for (let i = 0; i < n; i++) {
          if (session.present[i] !== 1) continue;
          entry.sum[i]! += session.responses[base + i]!;
          entry.count[i]!++;
        }
      }
    }
  }
  return Float32Array.from({ length: n }, (_, i) => {
    let best = Number.NaN;
    let bestMean = -Infinity;
    let lowest = Infinity;
    for (const [value, { sum, count }] of [...sums].sort((a, b) => a[0] - b[0])) {
      if (count[i] === 0) continue;
      const mean = sum[i]! / count[i]!;
      lowest = Math.min(lowest, mean);
      if (mean > bestMean) [best, bestMean] = [value, mean];
    }
    return bestMean > lowest ? best : Number.NaN;
  });
}
