import { parquetMetadataAsync, parquetRead } from 'hyparquet';
import type { AsyncBuffer } from 'hyparquet';
import { z } from 'zod';
import { DatasetError } from '../dataset/datasetError';
import { throwIfAborted } from '../dataset/cancellation';
import type { DatasetIssue } from '../dataset/types';
import type { FrameStatistics } from '../analysis/frameStatistics';
import type { AnalysisSummary } from '../analysis/summary';
import type { AnalysisSettings } from '../analysis/settings';
import { Z_95 } from '../analysis/populationIntervals';
import { RESULTS_FORMAT, RESULTS_MANIFEST } from '../analysis/results';
import { TopLinks, type ResultsFrameInput, type ResultsInput } from './resultsTimeline';
import { DEFAULT_TIMELINE_OPTIONS } from './timeline';

/**
 * Saved results read back for the app: a Parquet results folder (`results.json` with frames.parquet,
 * neurons.parquet and pairs/) or one results JSON file, as `chorus analyze` and `chorus merge` write them.
 * The pairs stream past file by file and row group by row group; each frame keeps its strongest links
 * (TopLinks), so a frame of 50 million pairs costs its row groups' memory, not its pairs'.
 */
export interface ResultsFile {
  /** The name as chosen, with its folder for folder picks (`results/pairs/frame-0000-000.parquet`). */
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface OpenedResults {
  readonly input: ResultsInput;
  readonly statistics: { readonly frames: FrameStatistics[]; readonly summary: AnalysisSummary; readonly settings: AnalysisSettings; readonly fixedNeurons: number | null };
  readonly warnings: readonly string[];
  /** The manifest's file name (what the notice and the title say was opened). */
  readonly source: string;
}

export interface ReadResultsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, step: string) => void;
  /** Links kept per frame (the timeline's top-K source). */
  readonly topPerFrame?: number;
}

/** The manifest among the files: a JSON file whose `format` is chorus-results, or null. */
export async function findResultsManifest(files: readonly ResultsFile[]): Promise<ResultsFile | null> {
  const candidates = files.filter((f) => /\.json$/i.test(f.name)).sort((a, b) => Number(b.name.endsWith(RESULTS_MANIFEST)) - Number(a.name.endsWith(RESULTS_MANIFEST)));
  for (const file of candidates) {
    const head = new TextDecoder().decode(await file.read(0, Math.min(file.size, 200)));
    if (new RegExp(`"format"\\s*:\\s*"${RESULTS_FORMAT}"`).test(head)) return file;
  }
  return null;
}

const number = z.number().nullable();
const frameSchema = z.object({
  session: z.string(),
  condition: z.string(),
  order: z.number(),
  epoch: z.string(),
  trials: z.number(),
  neuronCount: z.number(),
  population: z.object({ fisher: z.number(), redundancy: z.number(), meanNoiseCorrelation: number }).passthrough(),
  intervals: z.unknown(),
  fixedSize: z.unknown(),
  decoders: z.unknown(),
  relevance: z.unknown(),
  correlations: z.object({ meanSignalCorrelation: number }).passthrough(),
  choiceProbabilityTrials: z.string().optional(),
  neurons: z.array(z.object({ id: z.string(), fisher: z.number(), meanResponse: z.number(), choiceProbability: number.optional() }).passthrough()).optional(),
  pairs: z
    .array(z.object({ a: z.string(), b: z.string(), redundancy: z.number(), noiseCorrelation: z.number(), redundancyLow: z.number().optional(), redundancyHigh: z.number().optional(), significant: z.boolean().optional() }).passthrough())
    .optional(),
});
const manifestSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  version: z.literal(1),
  dataset: z.object({ name: z.string(), matching: z.string() }).passthrough(),
  settings: z.object({ allPairs: z.boolean(), shuffles: z.number() }).passthrough(),
  fixedNeurons: z.number().nullable(),
  neurons: z.array(z.object({ id: z.string(), relevance: z.number().nullable() })),
  frames: z.array(frameSchema).min(1),
  summary: z.unknown(),
  issues: z.array(z.string()),
  tables: z.object({ frames: z.string(), neurons: z.string(), pairs: z.string() }).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;

export async function readResults(files: readonly ResultsFile[], options: ReadResultsOptions = {}): Promise<OpenedResults> {
  const manifestFile = await findResultsManifest(files);
  if (!manifestFile) throw new DatasetError([{ severity: 'error', file: files.map((f) => f.name).join(', '), field: '(files)', message: 'hold no Chorus results (a results.json or results JSON file from chorus analyze or chorus merge)' }]);
  const issue = (field: string, message: string, file = manifestFile.name): DatasetError => new DatasetError([{ severity: 'error', file, field, message } satisfies DatasetIssue]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await manifestFile.read(0, manifestFile.size)));
  } catch (error) {
    throw issue('(file)', `is not valid JSON: ${(error as Error).message}`);
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) {
    const first = checked.error.issues[0]!;
    throw issue(first.path.map(String).join('.') || '(file)', first.message);
  }
  const manifest = checked.data;
  const topPerFrame = options.topPerFrame ?? DEFAULT_TIMELINE_OPTIONS.topPerFrame;
  const ids = manifest.neurons.map((n) => n.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const links = manifest.frames.map(() => new TopLinks(topPerFrame));
  const significantCounts: (number | null)[] = manifest.frames.map(() => null);
  let neurons: ResultsFrameInput['neurons'][];
  if (manifest.tables) {
    const folder = manifestFile.name.includes('/') ? manifestFile.name.slice(0, manifestFile.name.lastIndexOf('/') + 1) : '';
    const table = (name: string) => files.find((f) => f.name === `${folder}${name}`);
    const neuronsFile = table(manifest.tables.neurons);
    if (!neuronsFile) throw issue('tables.neurons', `names ${manifest.tables.neurons}, which was not among the files opened: open the whole results folder`);
    neurons = await neuronRows(neuronsFile, manifest.frames.length, options.signal);
    const pairsFolder = `${folder}${manifest.tables.pairs.replace(/\/?$/, '/')}`;
    const pairFiles = files.filter((f) => f.name.startsWith(pairsFolder) && f.name.endsWith('.parquet')).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (pairFiles.length === 0) throw issue('tables.pairs', `names the folder ${manifest.tables.pairs}, which holds no Parquet files among those opened: open the whole results folder`);
    for (const [k, file] of pairFiles.entries()) {
      options.onProgress?.(k, pairFiles.length, `reading ${file.name.slice(folder.length)}`);
      await streamPairs(file, manifest.frames.length, links, significantCounts, options.signal);
    }
    options.onProgress?.(pairFiles.length, pairFiles.length, 'building the network');
  } else {
    neurons = manifest.frames.map((frame, f) =>
      (frame.neurons ?? []).map((neuron) => {
        const index = indexOf.get(neuron.id);
        if (index === undefined) throw issue(`frames[${f}].neurons`, `names neuron "${neuron.id}", which the results' neuron list does not`);
        return { index, fisher: neuron.fisher, meanResponse: neuron.meanResponse, choiceProbability: neuron.choiceProbability ?? null };
      }),
    );
    manifest.frames.forEach((frame, f) => {
      let significant = 0;
      for (const pair of frame.pairs ?? []) {
        const [a, b] = [indexOf.get(pair.a), indexOf.get(pair.b)];
        if (a === undefined || b === undefined) throw issue(`frames[${f}].pairs`, `names neuron "${a === undefined ? pair.a : pair.b}", which the results' neuron list does not`);
        const error = pair.redundancyLow !== undefined && pair.redundancyHigh !== undefined ? (pair.redundancyHigh - pair.redundancyLow) / (2 * Z_95) : Number.NaN;
        links[f]!.offer(Math.min(a, b), Math.max(a, b), pair.redundancy, pair.noiseCorrelation, error, pair.significant === undefined ? -1 : pair.significant ? 1 : 0);
        if (pair.significant) significant++;
      }
      // Only a file of every pair knows how many are significant.
      significantCounts[f] = manifest.settings.allPairs && manifest.settings.shuffles > 0 ? significant : null;
    });
  }
  const epochIndex = epochIndices(manifest);
  return {
    input: {
      name: manifest.dataset.name,
      matching: manifest.dataset.matching,
      neuronIds: ids,
      relevance: Float64Array.from(manifest.neurons, (n) => n.relevance ?? Number.NaN),
      frames: manifest.frames.map((frame, f) => ({
        session: frame.session,
        condition: frame.condition,
        order: frame.order,
        epoch: frame.epoch,
        trials: frame.trials,
        population: frame.population as unknown as ResultsFrameInput['population'],
        hasChoices: frame.choiceProbabilityTrials !== undefined,
        neurons: neurons[f]!,
        links: links[f]!,
      })),
    },
    statistics: {
      frames: manifest.frames.map((frame, f) => ({
        session: frame.session,
        condition: frame.condition,
        order: frame.order,
        epoch: frame.epoch,
        epochIndex: epochIndex[f]!,
        population: frame.population as unknown as FrameStatistics['population'],
        intervals: frame.intervals as FrameStatistics['intervals'],
        fixedSize: frame.fixedSize as FrameStatistics['fixedSize'],
        decoders: frame.decoders as FrameStatistics['decoders'],
        relevance: frame.relevance as FrameStatistics['relevance'],
        meanSignalCorrelation: frame.correlations.meanSignalCorrelation,
        significantPairs: significantCounts[f] ?? null,
      })),
      summary: manifest.summary as AnalysisSummary,
      settings: manifest.settings as unknown as AnalysisSettings,
      fixedNeurons: manifest.fixedNeurons,
    },
    warnings: manifest.issues,
    source: manifestFile.name,
  };
}

/** Each frame's epoch index within its session (frames list a session's epochs in order). */
function epochIndices(manifest: Manifest): number[] {
  const seen = new Map<string, number>();
  return manifest.frames.map((frame) => {
    const index = seen.get(frame.session) ?? 0;
    seen.set(frame.session, index + 1);
    return index;
  });
}

function asyncBuffer(file: ResultsFile): AsyncBuffer {
  return {
    byteLength: file.size,
    slice: async (start, end) => {
      const bytes = await file.read(start, (end ?? file.size) - start);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}

/** Reads the columns of a Parquet file one row group at a time, handing each group's columns to `use`. */
async function eachRowGroup(file: ResultsFile, columns: readonly string[], use: (data: Record<string, ArrayLike<unknown>>, rows: number) => void, signal?: AbortSignal): Promise<void> {
  const buffer = asyncBuffer(file);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new DatasetError([{ severity: 'error', file: file.name, field: '(file)', message: `is not a readable Parquet file: ${(error as Error).message}` }]);
  }
  const present = new Set(metadata.schema.map((s) => s.name));
  const wanted = columns.filter((c) => present.has(c));
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    throwIfAborted(signal);
    const rows = Number(group.num_rows);
    const data: Record<string, ArrayLike<unknown>> = {};
    await parquetRead({
      file: buffer,
      metadata,
      columns: wanted,
      rowStart,
      rowEnd: rowStart + rows,
      onChunk: (chunk) => {
        // A chunk may start before the group: keep the group's rows.
        data[chunk.columnName] = sliceOf(chunk.columnData as ArrayLike<unknown>, rowStart - chunk.rowStart, rows);
      },
    });
    use(data, rows);
    rowStart += rows;
  }
}

function sliceOf(values: ArrayLike<unknown>, from: number, count: number): ArrayLike<unknown> {
  if (from === 0 && values.length === count) return values;
  return Array.prototype.slice.call(values, from, from + count) as unknown[];
}

async function neuronRows(file: ResultsFile, frames: number, signal?: AbortSignal): Promise<ResultsFrameInput['neurons'][]> {
  const out: { index: number; fisher: number; meanResponse: number; choiceProbability: number | null }[][] = Array.from({ length: frames }, () => []);
  await eachRowGroup(
    file,
    ['frame', 'neuronIndex', 'fisher', 'meanResponse', 'choiceProbability'],
    (data, rows) => {
      for (let r = 0; r < rows; r++) {
        const frame = Number(data.frame![r]);
        if (!(frame >= 0 && frame < frames)) throw new DatasetError([{ severity: 'error', file: file.name, field: 'frame', message: `row ${r} names frame ${frame}; the results have ${frames}` }]);
        const cp = data.choiceProbability?.[r];
        out[frame]!.push({ index: Number(data.neuronIndex![r]), fisher: Number(data.fisher![r]), meanResponse: Number(data.meanResponse![r]), choiceProbability: cp === null || cp === undefined ? null : Number(cp) });
      }
    },
    signal,
  );
  return out;
}

async function streamPairs(file: ResultsFile, frames: number, links: TopLinks[], significantCounts: (number | null)[], signal?: AbortSignal): Promise<void> {
  await eachRowGroup(
    file,
    ['frame', 'aIndex', 'bIndex', 'redundancy', 'noiseCorrelation', 'redundancyLow', 'redundancyHigh', 'significant'],
    (data, rows) => {
      const { frame, aIndex, bIndex, redundancy, noiseCorrelation, redundancyLow, redundancyHigh, significant } = data;
      if (!frame || !aIndex || !bIndex || !redundancy || !noiseCorrelation) throw new DatasetError([{ severity: 'error', file: file.name, field: '(columns)', message: 'lacks a column of the pairs table (frame, aIndex, bIndex, redundancy, noiseCorrelation)' }]);
      for (let r = 0; r < rows; r++) {
        const f = Number(frame[r]);
        if (!(f >= 0 && f < frames)) throw new DatasetError([{ severity: 'error', file: file.name, field: 'frame', message: `row ${r} names frame ${f}; the results have ${frames}` }]);
        const low = redundancyLow ? Number(redundancyLow[r]) : Number.NaN;
        const high = redundancyHigh ? Number(redundancyHigh[r]) : Number.NaN;
        const flag = significant ? (significant[r] ? 1 : 0) : -1;
        if (flag === 1) significantCounts[f] = (significantCounts[f] ?? 0) + 1;
        else if (flag === 0) significantCounts[f] ??= 0;
        links[f]!.offer(Number(aIndex[r]), Number(bIndex[r]), Number(redundancy[r]), Number(noiseCorrelation[r]), (high - low) / (2 * Z_95), flag);
      }
    },
    signal,
  );
}
