import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import type { FrameAnalysis } from '../analysis/frameAnalysis';
import { resultsJson, type ResultsDataset, type ResultsRun } from '../analysis/results';
export { RESULTS_MANIFEST } from '../analysis/results';
import type { AnalysisSettings } from '../analysis/settings';
import type { DatasetIssue } from '../dataset/types';
import { pairIndex } from '../analysis/pairIndex';
import { Z_95 } from '../analysis/populationIntervals';

/**
 * Results as tables for runs too large for one JSON file (a 10,000-neuron frame has 50 million pairs):
 * a folder with `results.json` (everything but the per-neuron and per-pair rows: settings, frames, summary,
 * issues) and three Parquet tables that pandas, polars, R's arrow and DuckDB open in one call:
 *   frames.parquet    one row per (session, epoch): the population measures
 *   neurons.parquet   one row per (frame, neuron used): single-neuron measures
 *   pairs/            one row per (frame, pair of neurons used), in files of at most PAIR_FILE_ROWS rows
 *                     (`pd.read_parquet('RESULTS/pairs')` reads the folder as one table)
 * Values are those of the JSON results (float32 pairs, as the analysis stores them).
 */
export const PAIR_FILE_ROWS = 2_000_000;

export interface TableFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** results.json of a Parquet results folder: the JSON results without per-neuron and per-pair rows, and where the tables are. */
export function resultsManifest(
  dataset: ResultsDataset,
  run: ResultsRun,
  settings: AnalysisSettings,
  context: { file: string | null; generator: string; issues: readonly DatasetIssue[] },
): Record<string, unknown> {
  // No pairs in the JSON: the pairs table has them all.
  const json = resultsJson(dataset, { ...run, frames: [] }, { ...settings, allPairs: false, topPairs: 0 }, context);
  const frames = resultsJson(dataset, run, { ...settings, allPairs: false, topPairs: 0 }, context).frames.map(({ neurons: _n, pairs: _p, ...frame }) => frame);
  return { ...json, settings, frames, tables: { frames: 'frames.parquet', neurons: 'neurons.parquet', pairs: 'pairs/' } };
}

/** frames.parquet: the population measures of every frame. */
export function framesTable(run: ResultsRun): Uint8Array {
  const f = run.frames;
  const column = (name: string, data: ColumnSource['data'], type: ColumnSource['type']): ColumnSource => ({ name, data, type });
  const numbers = (pick: (frame: FrameAnalysis) => number | null | undefined) => f.map((frame) => pick(frame) ?? null);
  return write([
    column('frame', Int32Array.from(f, (_, k) => k), 'INT32'),
    column('session', f.map((x) => x.session), 'STRING'),
    column('condition', f.map((x) => x.condition), 'STRING'),
    column('order', f.map((x) => x.order), 'DOUBLE'),
    column('epoch', f.map((x) => x.epoch), 'STRING'),
    column('trials', Int32Array.from(f, (x) => x.trials), 'INT32'),
    column('neuronCount', Int32Array.from(f, (x) => x.neuronsUsed), 'INT32'),
    column('covariance', f.map((x) => x.covariance), 'STRING'),
    column('fisher', numbers((x) => x.population.fisher), 'DOUBLE'),
    column('fisherNaive', numbers((x) => x.population.fisherNaive), 'DOUBLE'),
    column('fisherShuffled', numbers((x) => x.population.fisherShuffled), 'DOUBLE'),
    column('redundancy', numbers((x) => x.population.redundancy), 'DOUBLE'),
    column('redundancyPercent', numbers((x) => x.population.redundancyPercent), 'DOUBLE'),
    column('fixedSizeRedundancy', numbers((x) => x.fixedSize?.redundancy.median), 'DOUBLE'),
    column('meanNoiseCorrelation', numbers((x) => x.population.meanNoiseCorrelation), 'DOUBLE'),
    column('meanSignalCorrelation', numbers((x) => x.meanSignalCorrelation), 'DOUBLE'),
    column('significantPairs', f.map((x) => (x.pairSignificant && x.pairSignificant.length > 0 ? x.pairSignificant.reduce((s, v) => s + v, 0) : null)), 'INT32'),
  ]);
}

/** neurons.parquet: every used neuron of every frame. */
export function neuronsTable(dataset: ResultsDataset, run: ResultsRun): Uint8Array {
  const rows: { frame: number; f: FrameAnalysis; i: number }[] = [];
  run.frames.forEach((f, frame) => f.used.forEach((u, i) => u === 1 && rows.push({ frame, f, i })));
  const nullable = (pick: (row: (typeof rows)[number]) => number | null) => rows.map((row) => {
    const value = pick(row);
    return value === null || Number.isNaN(value) ? null : value;
  });
  return write([
    { name: 'frame', data: Int32Array.from(rows, (r) => r.frame), type: 'INT32' },
    { name: 'session', data: rows.map((r) => r.f.session), type: 'STRING' },
    { name: 'condition', data: rows.map((r) => r.f.condition), type: 'STRING' },
    { name: 'epoch', data: rows.map((r) => r.f.epoch), type: 'STRING' },
    { name: 'neuron', data: rows.map((r) => dataset.neurons[r.i]!.id), type: 'STRING' },
    { name: 'neuronIndex', data: Int32Array.from(rows, (r) => r.i), type: 'INT32' },
    { name: 'relevance', data: Float64Array.from(rows, (r) => run.relevance[r.i]!), type: 'DOUBLE' },
    { name: 'fisher', data: Float64Array.from(rows, (r) => r.f.neuronFisher[r.i]!), type: 'DOUBLE' },
    { name: 'meanResponse', data: Float64Array.from(rows, (r) => r.f.neuronMeanResponse[r.i]!), type: 'DOUBLE' },
    { name: 'responsiveP', data: nullable((r) => r.f.neuronResponsiveP[r.i]!), type: 'DOUBLE' },
    { name: 'choiceProbability', data: nullable((r) => r.f.neuronChoiceProbability?.[r.i] ?? null), type: 'DOUBLE' },
    { name: 'choiceProbabilityP', data: nullable((r) => r.f.neuronChoiceProbabilityP?.[r.i] ?? null), type: 'DOUBLE' },
  ]);
}

/**
 * The pairs of one frame as Parquet files of at most PAIR_FILE_ROWS rows each, named
 * `pairs/frame-0007-000.parquet` (frame in dataset order, then part), every used pair in pairIndex order.
 */
export function pairFiles(dataset: ResultsDataset, frame: FrameAnalysis, frameIndex: number): TableFile[] {
  const total = dataset.neurons.length;
  const used = Int32Array.from({ length: frame.neuronsUsed });
  for (let i = 0, k = 0; i < total; i++) if (frame.used[i] === 1) used[k++] = i;
  const n = used.length;
  const count = (n * (n - 1)) / 2;
  const files: TableFile[] = [];
  let i = 0;
  let j = 1;
  for (let start = 0, part = 0; start < count || (count === 0 && part === 0); start += PAIR_FILE_ROWS, part++) {
    const rows = Math.min(PAIR_FILE_ROWS, count - start);
    const a = new Int32Array(rows);
    const b = new Int32Array(rows);
    const slots = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      a[r] = used[i]!;
      b[r] = used[j]!;
      slots[r] = pairIndex(used[i]!, used[j]!, total);
      if (++j === n) j = ++i + 1;
    }
    const take = (array: Float32Array | Uint8Array | null): Float32Array | null => (array ? Float32Array.from(slots, (s) => array[s]!) : null);
    const redundancy = take(frame.pairRedundancy)!;
    const error = take(frame.pairRedundancyError);
    const columns: ColumnSource[] = [
      { name: 'frame', data: new Int32Array(rows).fill(frameIndex), type: 'INT32' },
      { name: 'session', data: new Array<string>(rows).fill(frame.session), type: 'STRING' },
      { name: 'condition', data: new Array<string>(rows).fill(frame.condition), type: 'STRING' },
      { name: 'order', data: new Float64Array(rows).fill(frame.order), type: 'DOUBLE' },
      { name: 'epoch', data: new Array<string>(rows).fill(frame.epoch), type: 'STRING' },
      { name: 'a', data: Array.from(a, (k) => dataset.neurons[k]!.id), type: 'STRING' },
      { name: 'b', data: Array.from(b, (k) => dataset.neurons[k]!.id), type: 'STRING' },
      { name: 'aIndex', data: a, type: 'INT32' },
      { name: 'bIndex', data: b, type: 'INT32' },
      { name: 'noiseCorrelation', data: take(frame.pairNoiseCorrelation)!, type: 'FLOAT' },
      ...(frame.pairSignalCorrelation ? [{ name: 'signalCorrelation', data: take(frame.pairSignalCorrelation)!, type: 'FLOAT' as const }] : []),
      { name: 'redundancy', data: redundancy, type: 'FLOAT' },
      ...(error
        ? [
            { name: 'redundancyLow', data: redundancy.map((v, k) => v - Z_95 * error[k]!), type: 'FLOAT' as const },
            { name: 'redundancyHigh', data: redundancy.map((v, k) => v + Z_95 * error[k]!), type: 'FLOAT' as const },
          ]
        : []),
      { name: 'mutualInformation', data: take(frame.pairMutualInformation)!, type: 'FLOAT' },
      { name: 'mmiRedundancy', data: take(frame.pairMmiRedundancy)!, type: 'FLOAT' },
      ...(frame.pairRedundancyP
        ? [
            { name: 'p', data: take(frame.pairRedundancyP)!, type: 'FLOAT' as const },
            { name: 'significant', data: Array.from(take(frame.pairSignificant)!, (v) => v === 1), type: 'BOOLEAN' as const },
            { name: 'noiseCorrelationP', data: take(frame.pairNoiseCorrelationP)!, type: 'FLOAT' as const },
          ]
        : []),
    ];
    files.push({ path: `pairs/frame-${String(frameIndex).padStart(4, '0')}-${String(part).padStart(3, '0')}.parquet`, bytes: write(columns) });
    if (rows <= 0) break;
  }
  return files;
}

function write(columns: ColumnSource[]): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, rowGroupSize: 1_000_000, createdBy: 'Chorus' }));
}
