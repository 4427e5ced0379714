import type { DatasetIssue } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { assembleFrame, joinPairBlocks, type FrameAnalysis } from '../frameAnalysis';
import { summarize, type AnalysisSummary } from '../summary';
import type { PairBlockResult } from '../pairBlock';
import { SHARD_FORMAT, SHARD_VERSION, type ShardHeader, type ShardOutput } from './runShard';

/** A run put back together from its shards: what `chorus analyze` would have computed in one go. */
export interface MergedRun {
  readonly header: ShardHeader;
  readonly frames: FrameAnalysis[];
  readonly summary: AnalysisSummary;
  readonly relevance: Float64Array;
  readonly highRelevance: Uint8Array | null;
  readonly fixedNeurons: number | null;
}

/**
 * A shard as read from a file. Its header and frame measures are in memory; its pair blocks' arrays may
 * still be ArrayRefs in the file, which `load` reads (one frame's blocks at a time). In memory: no `load`.
 */
export interface ShardPart {
  readonly name: string;
  readonly output: ShardOutput;
  readonly load?: <T>(value: T) => Promise<T>;
}

export interface MergeOptions {
  /**
   * Called with each frame, whole, as it is assembled (in frame order). With it, the frames kept in the
   * result drop their pair arrays once it returns, so a merge holds one frame's pairs at a time.
   */
  readonly onFrame?: (frame: FrameAnalysis, index: number) => Promise<void> | void;
}

/** A frame without its pair arrays (what a streaming merge keeps for the summary and the frames table). */
export function withoutPairs(frame: FrameAnalysis): FrameAnalysis {
  const none = new Float32Array(0);
  return {
    ...frame,
    pairNoiseCorrelation: none,
    pairSignalCorrelation: frame.pairSignalCorrelation && none,
    pairRedundancy: none,
    pairMutualInformation: none,
    pairMmiRedundancy: none,
    pairRedundancyError: frame.pairRedundancyError && none,
    pairRedundancyP: frame.pairRedundancyP && none,
    pairNoiseCorrelationP: frame.pairNoiseCorrelationP && none,
    pairSignificant: frame.pairSignificant && new Uint8Array(0),
  };
}

/**
 * Checks that the parts are every shard of one run exactly once (same dataset content, settings and plan;
 * each index present once) and assembles every frame as the unsharded run does (assembleFrame). Refuses
 * with a DatasetError naming the parts at fault.
 */
export async function mergeShards(parts: readonly ShardPart[], options: MergeOptions = {}): Promise<MergedRun> {
  const problems = mergeProblems(parts);
  if (problems.length > 0) throw new DatasetError(problems);
  const header = parts[0]!.output.header;
  const measures = new Map(parts.flatMap((p) => p.output.measures.map((m) => [m.frame, m.measures] as const)));
  const blocks = new Map<number, { part: ShardPart; block: PairBlockResult }[]>();
  for (const part of parts) for (const { frame, block } of part.output.blocks) blocks.set(frame, [...(blocks.get(frame) ?? []), { part, block }]);
  const frames: FrameAnalysis[] = [];
  for (const [frame, described] of header.frames.entries()) {
    const frameMeasures = measures.get(frame);
    if (!frameMeasures) throw new DatasetError([{ severity: 'error', field: `frame ${described.session}/${described.epoch}`, message: 'no shard holds its measures (the shards do not cover the run)' }]);
    const loaded = await Promise.all((blocks.get(frame) ?? []).map(({ part, block }) => (part.load ? part.load(block) : block)));
    const assembled = assembleFrame(frameMeasures, joinPairBlocks(frameMeasures.neuronsUsed, loaded, header.settings.shuffles), header.dataset.neurons.length, header.settings);
    if (options.onFrame) {
      await options.onFrame(assembled, frame);
      frames.push(withoutPairs(assembled));
    } else frames.push(assembled);
  }
  return {
    header,
    frames,
    summary: summarize(frames, header.settings, header.roles, header.behaviour),
    relevance: header.relevance,
    highRelevance: header.highRelevance,
    fixedNeurons: header.fixedNeurons,
  };
}

/** Every reason these parts are not one whole run, each naming the parts concerned. */
export function mergeProblems(parts: readonly ShardPart[]): DatasetIssue[] {
  const issue = (file: string, field: string, message: string): DatasetIssue => ({ severity: 'error', file, field, message });
  if (parts.length === 0) return [issue('(none)', 'parts', 'no shard files were given')];
  const problems: DatasetIssue[] = [];
  for (const { name, output } of parts) {
    if (output.header.format !== SHARD_FORMAT || output.header.version !== SHARD_VERSION) problems.push(issue(name, 'format', `is ${output.header.format} version ${output.header.version}; this Chorus merges ${SHARD_FORMAT} version ${SHARD_VERSION}`));
  }
  if (problems.length > 0) return problems;
  const first = parts[0]!;
  const reference = first.output.header;
  const differing = (field: keyof ShardHeader, message: (header: ShardHeader) => string) => {
    for (const { name, output } of parts.slice(1)) {
      if (JSON.stringify(output.header[field]) !== JSON.stringify(reference[field])) problems.push(issue(name, field, message(output.header)));
    }
  };
  differing('datasetHash', (h) => `is a shard of another dataset than ${first.name} (content ${h.datasetHash}, not ${reference.datasetHash})`);
  differing('settingsHash', () => `was run with other settings than ${first.name}`);
  if (problems.length > 0) return problems;
  const count = reference.shard.count;
  for (const { name, output } of parts) {
    if (output.header.shard.count !== count) problems.push(issue(name, 'shard', `is shard ${output.header.shard.index}/${output.header.shard.count}, of a run cut into ${output.header.shard.count} shards, not ${count} as ${first.name}`));
  }
  differing('planHash', () => `cuts the run otherwise than ${first.name} (another --max-memory?)`);
  if (problems.length > 0) return problems;
  const byIndex = new Map<number, string[]>();
  for (const { name, output } of parts) byIndex.set(output.header.shard.index, [...(byIndex.get(output.header.shard.index) ?? []), name]);
  for (const [index, names] of byIndex) if (names.length > 1) problems.push(issue(names.join(', '), 'shard', `shard ${index}/${count} is given ${names.length} times`));
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !byIndex.has(k));
  if (missing.length > 0) problems.push(issue(parts.map((p) => p.name).join(', '), 'shard', `shard${missing.length > 1 ? 's' : ''} ${listed(missing)} of ${count} ${missing.length > 1 ? 'are' : 'is'} missing`));
  return problems;
}

/** 3, 5, 7–12 */
function listed(indices: readonly number[]): string {
  const runs: string[] = [];
  for (let k = 0; k < indices.length; ) {
    let end = k;
    while (end + 1 < indices.length && indices[end + 1] === indices[end]! + 1) end++;
    runs.push(end > k + 1 ? `${indices[k]}–${indices[end]}` : end === k + 1 ? `${indices[k]}, ${indices[end]}` : `${indices[k]}`);
    k = end + 1;
  }
  return runs.join(', ');
}
