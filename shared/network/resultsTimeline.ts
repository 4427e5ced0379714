import type { PopulationMeasures } from '../analysis/frameAnalysis';
import { anatomicalLayout } from './layout/anatomical';
import { functionalLayout } from './layout/functional';
import { tuningRingLayout } from './layout/tuning';
import { DEFAULT_TIMELINE_OPTIONS, differenceWeights, orderTimelineFrames, rankByMagnitude, timelineFrames, type Timeline, type TimelineOptions } from './timeline';

/**
 * A timeline from saved results (`chorus analyze` or `chorus merge` output) instead of a dataset: what the
 * app draws when it opens a results folder or file, without recomputing. The results hold each frame's
 * pairs (every pair in a Parquet folder, the strongest in a JSON file); each frame's strongest links are
 * kept while they stream past (TopLinks), and their union is the edge set. A pair outside a frame's kept
 * links has weight 0 there: the network draws each frame's top links, which is what the results can say
 * without holding every pair of every frame (50 million per frame at 10,000 neurons).
 */

/** A frame's strongest pairs by |redundancy|, kept in a bounded set as rows stream past. */
export class TopLinks {
  private rows: ResultsLink[] = [];
  private significant = 0;
  /** The |redundancy| a pair must reach to enter the strongest `limit` (0 until the set first fills). */
  private threshold = 0;

  constructor(readonly limit: number) {}

  /** Offers one pair (dataset neuron indices a < b); `error` is its redundancy's standard error (NaN when unknown), `significant` 1/0, or −1 when untested. */
  offer(a: number, b: number, redundancy: number, noise: number, error: number, significant: number): void {
    // A significant pair is always kept, as the dataset's timeline adds every significant pair.
    if (significant !== 1 && (redundancy === 0 || Math.abs(redundancy) < this.threshold)) return;
    this.rows.push({ a, b, redundancy, noise, error, significant });
    if (significant === 1) this.significant++;
    // Amortised: trim back to the limit (and the significant pairs) once twice as many are held.
    if (this.rows.length >= 2 * this.limit + this.significant) this.trim();
  }

  private trim(): void {
    this.rows.sort((x, y) => Math.abs(y.redundancy) - Math.abs(x.redundancy) || x.a - y.a || x.b - y.b);
    this.rows = this.rows.filter((row, k) => k < this.limit || row.significant === 1);
    if (this.rows.length >= this.limit) this.threshold = Math.abs(this.rows[this.limit - 1]!.redundancy);
  }

  /** The strongest `limit` pairs (and any significant pair beyond them), strongest first. */
  links(): readonly ResultsLink[] {
    this.trim();
    return this.rows;
  }
}

export interface ResultsLink {
  readonly a: number;
  readonly b: number;
  readonly redundancy: number;
  readonly noise: number;
  readonly error: number;
  readonly significant: number;
}

export interface ResultsFrameInput {
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  readonly epoch: string;
  readonly trials: number;
  readonly population: PopulationMeasures;
  /** Whether the session recorded choices (its frame has choice probabilities): tells task from passive where labels do not. */
  readonly hasChoices: boolean;
  /** Every neuron the frame used, by dataset index. */
  readonly neurons: readonly { readonly index: number; readonly fisher: number; readonly meanResponse: number; readonly choiceProbability: number | null }[];
  readonly links: TopLinks;
}

export interface ResultsInput {
  readonly name: string;
  readonly matching: string;
  readonly neuronIds: readonly string[];
  /** Each neuron's task relevance (NaN where unknown). */
  readonly relevance: ArrayLike<number>;
  readonly frames: readonly ResultsFrameInput[];
}

export function timelineFromResults(results: ResultsInput, options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS): Timeline {
  const n = results.neuronIds.length;
  // Sessions as the timeline orders them: one per session id, with choices or not.
  const sessions = [...new Map(results.frames.map((f) => [f.session, { id: f.session, condition: f.condition, order: f.order, choice: f.hasChoices ? new Uint8Array(0) : null }])).values()];
  const epochs = [...new Set(results.frames.map((f) => f.epoch))];
  const { conditions, comparison, sessionsPerCondition, ordered } = orderTimelineFrames(sessions, epochs, (index, epoch) => {
    const frame = results.frames.find((f) => f.session === sessions[index]!.id && f.epoch === epoch);
    if (!frame) throw new Error(`the results have no frame for session "${sessions[index]!.id}", epoch "${epoch}"; every session must share its epochs`);
    return frame;
  });

  // The edge set: each frame's strongest links and every significant one, capped by their largest |weight|.
  const key = (a: number, b: number) => a * n + b;
  const peak = new Map<number, number>();
  const significantKeys = new Set<number>();
  for (const { frame } of ordered) {
    frame.links.links().forEach((link, rank) => {
      const k = key(link.a, link.b);
      if (link.significant === 1) significantKeys.add(k);
      if (rank < options.topPerFrame || link.significant === 1) peak.set(k, Math.max(peak.get(k) ?? 0, Math.abs(link.redundancy)));
    });
  }
  const chosen = [...peak.entries()]
    .sort((x, y) => (significantKeys.has(y[0]) ? 1 : 0) - (significantKeys.has(x[0]) ? 1 : 0) || y[1] - x[1] || x[0] - y[0])
    .slice(0, options.maxEdges)
    .map(([k]) => k)
    .sort((x, y) => x - y);
  const edgeIndex = new Map(chosen.map((k, e) => [k, e]));
  const edgeCount = chosen.length;
  const edges = new Uint32Array(edgeCount * 2);
  chosen.forEach((k, e) => {
    edges[2 * e] = Math.floor(k / n);
    edges[2 * e + 1] = k % n;
  });
  const frames = ordered.length;
  const edgeWeights = new Float32Array(frames * edgeCount);
  const edgeRank = new Float32Array(frames * edgeCount);
  const edgeNoiseCorrelation = new Float32Array(frames * edgeCount);
  const hasErrors = ordered.some(({ frame }) => frame.links.links().some((l) => Number.isFinite(l.error)));
  const edgeRedundancyError = hasErrors ? new Float32Array(frames * edgeCount).fill(Number.NaN) : null;
  const tested = ordered.every(({ frame }) => frame.links.links().every((l) => l.significant !== -1));
  const edgeSignificant = tested ? new Uint8Array(frames * edgeCount) : null;
  const nodeWeights = new Float32Array(frames * n);
  const nodeMeanResponse = new Float32Array(frames * n);
  const nodeUsed = new Uint8Array(frames * n);
  const nodeChoiceProbability = new Float32Array(frames * n).fill(Number.NaN);
  const meanStrength = new Float32Array(edgeCount);
  let edgeScale = 0;
  let nodeScale = 0;
  ordered.forEach(({ frame }, f) => {
    for (const link of frame.links.links()) {
      const e = edgeIndex.get(key(link.a, link.b));
      if (e === undefined) continue;
      edgeWeights[f * edgeCount + e] = link.redundancy;
      edgeNoiseCorrelation[f * edgeCount + e] = link.noise;
      if (edgeRedundancyError) edgeRedundancyError[f * edgeCount + e] = link.error;
      if (edgeSignificant) edgeSignificant[f * edgeCount + e] = link.significant === 1 ? 1 : 0;
      meanStrength[e]! += Math.abs(link.redundancy) / frames;
      edgeScale = Math.max(edgeScale, Math.abs(link.redundancy));
    }
    rankByMagnitude(edgeWeights.subarray(f * edgeCount, (f + 1) * edgeCount), edgeRank.subarray(f * edgeCount, (f + 1) * edgeCount));
    for (const neuron of frame.neurons) {
      const w = Math.max(0, neuron.fisher);
      nodeWeights[f * n + neuron.index] = w;
      nodeScale = Math.max(nodeScale, w);
      nodeMeanResponse[f * n + neuron.index] = neuron.meanResponse;
      nodeUsed[f * n + neuron.index] = 1;
      if (neuron.choiceProbability !== null) nodeChoiceProbability[f * n + neuron.index] = neuron.choiceProbability;
    }
  });
  const relevance = Float32Array.from({ length: n }, (_, i) => results.relevance[i] ?? Number.NaN);
  // Results do not keep responses: no preferred stimulus, so the tuning ring orders by relevance alone.
  const preferredStimulus = new Float32Array(n).fill(Number.NaN);
  return {
    datasetName: results.name,
    matching: results.matching,
    neuronIds: results.neuronIds,
    areas: results.neuronIds.map(() => null),
    layouts: {
      anatomical: anatomicalLayout(results.neuronIds.map((id) => ({ id }))),
      functional: functionalLayout(n, edges, meanStrength),
      tuning: tuningRingLayout(preferredStimulus, relevance),
    },
    relevance,
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
