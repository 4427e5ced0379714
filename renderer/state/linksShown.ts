import { countShownLinks, differenceFrame, isLinkShown, type LinkFilterRule } from '../../shared/network/linkFilter';
import { csvText } from '../../shared/export/csvText';
import { timelineFrameIndex, type Timeline } from '../../shared/network/timeline';

export interface ShownFrame {
  readonly conditionIndex: number;
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
  /** The difference view filters task − passive weights (significance does not apply to differences). */
  readonly difference: boolean;
}

/**
 * What the link filter reads at this frame: the condition's own weights, ranks and significance, or in
 * the difference view the task − passive weights and ranks (no significance); null where the difference
 * view has nothing at this session (the scene draws no link there).
 */
function filterInputs(timeline: Timeline, frame: ShownFrame): { weights: Float32Array; ranks: Float32Array; significant: Uint8Array | null } | null {
  if (frame.difference) {
    const differences = differenceFrame(timeline, frame.sessionOrdinal, frame.epochIndex);
    return differences ? { ...differences, significant: null } : null;
  }
  const edges = timeline.edges.length / 2;
  const index = timelineFrameIndex(timeline, frame.conditionIndex, frame.sessionOrdinal, frame.epochIndex);
  const slice = <T extends Float32Array | Uint8Array>(a: T) => a.subarray(index * edges, (index + 1) * edges) as T;
  return { weights: slice(timeline.edgeWeights), ranks: slice(timeline.edgeRank), significant: timeline.edgeSignificant ? slice(timeline.edgeSignificant) : null };
}

/** How many links the scene draws at this frame under this filter: what the legend and stills say. */
export function shownLinkCount(timeline: Timeline, filter: LinkFilterRule, frame: ShownFrame): number {
  const inputs = filterInputs(timeline, frame);
  return inputs ? countShownLinks(filter, inputs.weights, inputs.ranks, inputs.significant) : 0;
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

/**
 * The links drawn at this frame under this filter as a CSV table, strongest first: the pair, R_ij (or
 * the task − passive difference in the difference view), its standard error and significance where the
 * statistics pass computed them, and the pair's noise correlation.
 */
export function shownPairsCsv(timeline: Timeline, filter: LinkFilterRule, frame: ShownFrame): string {
  const measure = frame.difference ? 'redundancy_task_minus_passive' : 'redundancy';
  const header = ['neuron_a', 'neuron_b', 'rank', measure, 'redundancy_se', 'significant_fdr', 'noise_correlation'];
  const inputs = filterInputs(timeline, frame);
  if (!inputs) return csvText(header, []);
  const edges = timeline.edges.length / 2;
  const start = timelineFrameIndex(timeline, frame.conditionIndex, frame.sessionOrdinal, frame.epochIndex) * edges;
  const rows: { rank: number; cells: (string | number | null)[] }[] = [];
  for (let e = 0; e < edges; e++) {
    const [weight, rank, significant] = [inputs.weights[e]!, inputs.ranks[e]!, inputs.significant?.[e] ?? 0];
    if (!isLinkShown(filter, weight, rank, significant)) continue;
    const own = !frame.difference;
    rows.push({
      rank,
      cells: [
        timeline.neuronIds[timeline.edges[2 * e]!]!,
        timeline.neuronIds[timeline.edges[2 * e + 1]!]!,
        rank + 1,
        weight,
        own && timeline.edgeRedundancyError ? timeline.edgeRedundancyError[start + e]! : null,
        inputs.significant ? significant : null,
        own ? timeline.edgeNoiseCorrelation[start + e]! : null,
      ],
    });
  }
  return csvText(header, rows.sort((x, y) => x.rank - y.rank).map((row) => row.cells));
}

/** The shown pairs' file name: dataset, condition, session and epoch, so that files of several frames do not mix. */
export function shownPairsFileName(timeline: Timeline, frame: ShownFrame): string {
  const info = timeline.frames[timelineFrameIndex(timeline, frame.conditionIndex, frame.sessionOrdinal, frame.epochIndex)]!;
  const parts = [timeline.datasetName, frame.difference ? 'task-minus-passive' : info.condition, `session${info.sessionOrdinal + 1}`, info.epoch, 'pairs'];
  return `${parts.join('-').replace(/[^\w.-]+/g, '_')}.csv`;
}
