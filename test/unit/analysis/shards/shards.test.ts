import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../../shared/analysis/engine/runAnalysis';
import { runShard, type ShardOutput } from '../../../../shared/analysis/shards/runShard';
import { mergeShards, type ShardPart } from '../../../../shared/analysis/shards/mergeShards';
import { decodeShardFile, encodeShardFile, loadArrays, readShardHeader } from '../../../../shared/analysis/shards/shardFile';
import { MIN_BLOCK_ROWS, rowCuts, shardPlan } from '../../../../shared/analysis/shards/shardPlan';
import { resultsJson } from '../../../../shared/analysis/results';
import { resolveSettings } from '../../../../shared/analysis/settings';
import { DatasetError, formatIssue } from '../../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../../shared/simulate/learningDemo';
import type { FrameAnalysis } from '../../../../shared/analysis/frameAnalysis';
import type { Dataset } from '../../../../shared/dataset/types';

const dataset = simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 30, zeroSignalTrials: 16 });
const settings = resolveSettings({ intervalDraws: 100, shuffles: 12, subsets: 10, permutations: 40, allPairs: true });
const MB = 1024 * 1024;

/** Every shard of a run, each through its file's bytes (as `chorus merge` reads them). */
async function shards(data: Dataset, count: number, memoryLimit = 512 * MB): Promise<ShardPart[]> {
  const parts: ShardPart[] = [];
  for (let index = 0; index < count; index++) {
    // Blocks of a row or more (not MIN_BLOCK_ROWS): a 12-neuron frame is cut into row blocks too.
    const output = await runShard(data, settings, { index, count }, { memoryLimit, generator: 'test', file: 'demo.chorus.json', minBlockRows: 1 });
    parts.push({ name: `part-${index}.chorus-shard`, output: decodeShardFile(encodeShardFile(output)) as ShardOutput });
  }
  return parts;
}

function sameBits(a: ArrayBufferView | null, b: ArrayBufferView | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function expectSameFrame(merged: FrameAnalysis, whole: FrameAnalysis): void {
  for (const [key, value] of Object.entries(whole)) {
    const other = (merged as unknown as Record<string, unknown>)[key];
    if (ArrayBuffer.isView(value)) expect(sameBits(other as ArrayBufferView, value), key).toBe(true);
    else expect(other, key).toEqual(value);
  }
}

describe('sharded runs (runShard, mergeShards)', async () => {
  const whole = await runAnalysis(dataset, settings, { file: 'demo.chorus.json' });
  const frames = whole.frames.length;

  it.each([1, 2, 3, frames, frames + 5, 41])('merging %i shards gives the unsharded run bit for bit', async (count) => {
    const parts = await shards(dataset, count);
    const merged = await mergeShards(parts);
    expect(merged.frames).toHaveLength(frames);
    merged.frames.forEach((frame, k) => expectSameFrame(frame, whole.frames[k]!));
    expect(merged.summary).toEqual(whole.summary);
    // And the results file says the same, byte for byte.
    const header = merged.header;
    const asResults = (run: typeof merged | typeof whole, data: Parameters<typeof resultsJson>[0]) => JSON.stringify(resultsJson(data, run, settings, { file: 'demo.chorus.json', generator: 'test', issues: [] }));
    expect(asResults(merged, { name: header.dataset.name, matching: header.dataset.matching, neurons: header.dataset.neurons.map((id) => ({ id })), sessions: Array.from({ length: header.dataset.sessions }) })).toBe(asResults(whole, dataset));
  });

  it('merges a run with a single-neuron frame (no pairs, no pair units) as the unsharded run', async () => {
    const lonely: Dataset = { ...dataset, sessions: dataset.sessions.map((s, k) => (k === 1 ? { ...s, present: Uint8Array.from(s.present, (_, i) => (i === 0 ? 1 : 0)) } : s)) };
    const unsharded = await runAnalysis(lonely, settings, { file: 'demo.chorus.json' });
    expect(unsharded.frames.some((f) => f.neuronsUsed === 1)).toBe(true);
    const merged = await mergeShards(await shards(lonely, 4));
    merged.frames.forEach((frame, k) => expectSameFrame(frame, unsharded.frames[k]!));
  });

  it('cuts rows and shuffles into blocks when there are more shards than frames, and every shard gets work', async () => {
    const parts = await shards(dataset, 150);
    const blocks = parts.flatMap((p) => p.output.blocks);
    expect(new Set(blocks.map((b) => b.block.rows.join('-'))).size).toBeGreaterThan(1);
    expect(blocks.some((b) => b.block.shuffles[0] > 0)).toBe(true);
    expect(parts.filter((p) => p.output.header.units.length > 0).length).toBe(Math.min(150, parts[0]!.output.header.unitCount));
    expect((await mergeShards(parts)).frames).toHaveLength(whole.frames.length);
  });

  it('keeps pair blocks within the memory given, and refuses a limit below what a frame needs', async () => {
    const plan = shardPlan([{ neurons: 10_000, trials: 4000, classes: 9, levels: 8, subsetNeurons: 3000 }], settings, 4, 256 * MB);
    expect(plan.blockBytes).toBeLessThanOrEqual(256 * MB);
    const pairUnits = plan.units.filter((u) => u.kind === 'pairs');
    expect(pairUnits.length).toBeGreaterThanOrEqual((10_000 * 10_000 * 4 * 23) / (256 * MB));
    await expect(runShard(dataset, settings, { index: 0, count: 2 }, { memoryLimit: 1024, generator: 'test', file: 'demo.chorus.json' })).rejects.toThrow(/--max-memory/);
  });

  it('keeps row blocks of at least MIN_BLOCK_ROWS rows where memory allows, cutting shuffles instead', () => {
    const plan = shardPlan([{ neurons: 1000, trials: 400, classes: 5, levels: 2, subsetNeurons: null }], settings, 200, 1024 * MB);
    const blocks = plan.units.flatMap((u) => (u.kind === 'pairs' ? [u] : []));
    expect(Math.min(...blocks.map((u) => u.rows[1] - u.rows[0]))).toBeGreaterThanOrEqual(MIN_BLOCK_ROWS);
    expect(blocks.some((u) => u.shuffles[0] > 0)).toBe(true);
  });

  it('cuts a triangle into row blocks of about equal pairs', () => {
    const cuts = rowCuts(100, 4);
    expect(cuts[0]).toBe(0);
    expect(cuts.at(-1)).toBe(100);
    const pairs = cuts.slice(1).map((end, k) => Array.from({ length: end - cuts[k]! }, (_, i) => 99 - (cuts[k]! + i)).reduce((a, b) => a + b, 0));
    for (const p of pairs) expect(Math.abs(p - 4950 / 4)).toBeLessThan(100);
  });

  describe('refuses parts that are not one whole run, naming them', async () => {
    const parts = await shards(dataset, 3);
    const refusal = async (given: ShardPart[]) => {
      try {
        await mergeShards(given);
      } catch (error) {
        expect(error).toBeInstanceOf(DatasetError);
        return (error as DatasetError).issues.map(formatIssue).join('\n');
      }
      throw new Error('merge did not refuse');
    };

    it('a missing shard', async () => expect(await refusal([parts[0]!, parts[2]!])).toMatch(/shard 1 of 3 is missing/));
    it('a shard given twice', async () => expect(await refusal([parts[0]!, parts[1]!, { ...parts[1]!, name: 'copy.chorus-shard' }, parts[2]!])).toMatch(/part-1\.chorus-shard, copy\.chorus-shard.*shard 1\/3 is given 2 times/));
    it('a shard of another dataset', async () => {
      const other = await runShard(simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 30, zeroSignalTrials: 16, seed: 9 }), settings, { index: 1, count: 3 }, { memoryLimit: 512 * MB, generator: 'test' });
      expect(await refusal([parts[0]!, { name: 'other.chorus-shard', output: other }, parts[2]!])).toMatch(/other\.chorus-shard: datasetHash: is a shard of another dataset than part-0\.chorus-shard \(content [0-9a-f]{16}, not [0-9a-f]{16}\)/);
    });
    it('a shard run with other settings', async () => {
      const other = await runShard(dataset, { ...settings, shuffles: 13 }, { index: 1, count: 3 }, { memoryLimit: 512 * MB, generator: 'test', minBlockRows: 1 });
      expect(await refusal([parts[0]!, { name: 'shuffles13.chorus-shard', output: other }, parts[2]!])).toMatch(/shuffles13\.chorus-shard: settingsHash: was run with other settings than part-0\.chorus-shard/);
    });
    it('a shard of a run cut into another number of shards', async () => {
      const other = await runShard(dataset, settings, { index: 1, count: 4 }, { memoryLimit: 512 * MB, generator: 'test', minBlockRows: 1 });
      expect(await refusal([parts[0]!, { name: 'of4.chorus-shard', output: other }, parts[2]!])).toMatch(/of4\.chorus-shard.*cut into 4 shards, not 3/);
    });
    it('nothing at all', async () => expect(await refusal([])).toMatch(/no shard files/));
  });

  it('stores a shard file bit for bit, and says what is wrong with one that is not', async () => {
    const [part] = await shards(dataset, 1);
    const bytes = encodeShardFile(part!.output);
    expect(sameBits(encodeShardFile(decodeShardFile(bytes)), bytes)).toBe(true);
    expect(() => decodeShardFile(new TextEncoder().encode('{"format":"chorus-results"}'))).toThrow(/not a Chorus shard file/);
    expect(() => decodeShardFile(bytes.subarray(0, bytes.length - 64))).toThrow(/truncated/);
    const value = decodeShardFile(encodeShardFile({ values: [Number.NaN, -0, Infinity, -Infinity, 1e-300], array: new Float64Array([Number.NaN, -0]) })) as { values: number[]; array: Float64Array };
    expect(value.values.map(String)).toEqual(['NaN', '0', 'Infinity', '-Infinity', '1e-300']);
    expect(Object.is(value.values[1], -0)).toBe(true);
    expect(Object.is(value.array[1], -0) && Number.isNaN(value.array[0])).toBe(true);
  });

  it('merges shards read lazily from their files (one frame of blocks at a time), with the same result', async () => {
    const parts = await shards(dataset, 5);
    const lazy = await Promise.all(
      parts.map(async ({ name, output }) => {
        const bytes = encodeShardFile(output);
        const source = { size: bytes.length, read: async (offset: number, length: number) => bytes.subarray(offset, offset + length) };
        const value = (await readShardHeader(source)) as ShardOutput;
        return { name, output: { ...value, header: await loadArrays(value.header, source), measures: await loadArrays(value.measures, source) }, load: async <T>(v: T): Promise<T> => loadArrays(v, source) };
      }),
    );
    const seen: FrameAnalysis[] = [];
    const merged = await mergeShards(lazy, { onFrame: (frame) => void seen.push(frame) });
    seen.forEach((frame, k) => expectSameFrame(frame, whole.frames[k]!));
    expect(merged.frames[0]!.pairRedundancy).toHaveLength(0);
    expect(merged.summary).toEqual(whole.summary);
  });
});
