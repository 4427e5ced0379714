import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { resolveSettings } from '../../../shared/analysis/settings';
import { resultsJson } from '../../../shared/analysis/results';
import { framesTable, neuronsTable, pairFiles, resultsManifest } from '../../../shared/export/resultsTables';
import { readResults, type ResultsFile } from '../../../shared/network/readResults';
import { timelineFromResults } from '../../../shared/network/resultsTimeline';
import { buildTimeline, timelineFrameIndex } from '../../../shared/network/timeline';
import { pairAt } from '../../../shared/analysis/pairIndex';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

const dataset = simulateLearningDataset({ neurons: 14, sessions: 3, trialsPerSide: 30, zeroSignalTrials: 16 });
const settings = resolveSettings({ intervalDraws: 50, shuffles: 20, subsets: 10, permutations: 20, allPairs: true });
const run = await runAnalysis(dataset, settings);
const context = { file: 'demo.chorus.json', generator: 'test', issues: [] };

function memoryFile(name: string, bytes: Uint8Array): ResultsFile {
  return { name, size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}
const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A Parquet results folder as `chorus analyze --format parquet --out results` writes it, as picked files. */
function folder(): ResultsFile[] {
  return [
    memoryFile('results/results.json', text(resultsManifest(dataset, run, settings, context))),
    memoryFile('results/frames.parquet', framesTable(run)),
    memoryFile('results/neurons.parquet', neuronsTable(dataset, run)),
    ...run.frames.flatMap((frame, k) => pairFiles(dataset, frame, k).map((file) => memoryFile(`results/${file.path}`, file.bytes))),
  ];
}

describe('opening saved results (readResults, timelineFromResults)', () => {
  it('draws each frame’s strongest links from a Parquet folder, with the values, nodes and summary of the run', async () => {
    const opened = await readResults(folder(), { topPerFrame: 12 });
    const timeline = timelineFromResults(opened.input, { topPerFrame: 12, maxEdges: 20_000 });
    const fromDataset = buildTimeline(dataset, run.frames, { topPerFrame: 12, maxEdges: 20_000 }, run.relevance);
    expect(timeline.frames.map((f) => `${f.session}/${f.epoch}`)).toEqual(fromDataset.frames.map((f) => `${f.session}/${f.epoch}`));
    expect(timeline.conditions).toEqual(fromDataset.conditions);
    expect(timeline.comparison).toEqual(fromDataset.comparison);
    expect(timeline.neuronIds).toEqual(fromDataset.neuronIds);
    const n = dataset.neurons.length;
    const edges = timeline.edgeWeights.length / timeline.frames.length;
    timeline.frames.forEach((tf, f) => {
      const frame = run.frames.find((x) => x.session === tf.session && x.epoch === tf.epoch)!;
      // The frame's 12 strongest pairs by |R| are drawn with rank < 12, with the run's float32 values.
      const strongest = Array.from(frame.pairRedundancy.keys()).sort((a, b) => Math.abs(frame.pairRedundancy[b]!) - Math.abs(frame.pairRedundancy[a]!) || a - b).slice(0, 12);
      for (const slot of strongest) {
        const [i, j] = pairAt(slot, n);
        const e = [...Array(edges).keys()].find((k) => timeline.edges[2 * k] === i && timeline.edges[2 * k + 1] === j)!;
        expect(e, `pair ${i}-${j} of ${tf.session}/${tf.epoch}`).toBeDefined();
        expect(timeline.edgeWeights[f * edges + e]).toBe(frame.pairRedundancy[slot]);
        expect(timeline.edgeRank[f * edges + e]).toBeLessThan(12);
        expect(timeline.edgeSignificant![f * edges + e]).toBe(frame.pairSignificant![slot]);
      }
      for (let i = 0; i < n; i++) expect(timeline.nodeWeights[f * n + i]).toBeCloseTo(fromDataset.nodeWeights[f * n + i]!, 5);
    });
    // Every significant pair of the run is an edge, as in the dataset's timeline.
    const significant = run.frames.reduce((sum, frame) => sum + frame.pairSignificant!.reduce((s, v) => s + v, 0), 0);
    expect(timeline.edgeSignificant!.reduce((s, v) => s + v, 0)).toBe(significant);
    expect(opened.statistics.summary).toEqual(JSON.parse(JSON.stringify(resultsJson(dataset, run, settings, context).summary)));
    expect(opened.statistics.frames.map((f) => f.significantPairs)).toEqual(run.frames.map((f) => f.pairSignificant!.reduce((s, v) => s + v, 0)));
    expect(timelineFrameIndex(timeline, 0, 0, 0)).toBe(0);
  });

  it('opens one results JSON file the same way', async () => {
    const opened = await readResults([memoryFile('run.json', text(resultsJson(dataset, run, settings, context)))], { topPerFrame: 12 });
    const fromFolder = await readResults(folder(), { topPerFrame: 12 });
    const a = timelineFromResults(opened.input);
    const b = timelineFromResults(fromFolder.input);
    expect(Array.from(a.edges)).toEqual(Array.from(b.edges));
    // JSON rounds to 7 digits; the Parquet tables keep float32.
    a.edgeWeights.forEach((w, k) => expect(w).toBeCloseTo(b.edgeWeights[k]!, 5));
  });

  it('says which file or field is wrong: no results, a missing table, a damaged Parquet file, a bad manifest', async () => {
    const refusal = async (files: ResultsFile[]) => {
      try {
        await readResults(files);
      } catch (error) {
        expect(error).toBeInstanceOf(DatasetError);
        return (error as DatasetError).issues.map((i) => `${i.file}: ${i.field}: ${i.message}`).join('\n');
      }
      throw new Error('no refusal');
    };
    expect(await refusal([memoryFile('notes.json', text({ hello: 1 }))])).toMatch(/hold no Chorus results/);
    const files = folder();
    expect(await refusal(files.filter((f) => !f.name.endsWith('neurons.parquet')))).toMatch(/tables\.neurons: names neurons\.parquet, which was not among the files opened/);
    expect(await refusal(files.map((f) => (f.name.endsWith('frame-0002-000.parquet') ? memoryFile(f.name, new Uint8Array(64)) : f)))).toMatch(/frame-0002-000\.parquet: \(file\): is not a readable Parquet file/);
    const manifest = JSON.parse(new TextDecoder().decode(await files[0]!.read(0, files[0]!.size)));
    delete manifest.frames[1].population;
    expect(await refusal([memoryFile('results/results.json', text(manifest)), ...files.slice(1)])).toMatch(/results\/results\.json: frames\.1\.population/);
  });
});
