import type { OrderRule } from '../../shared/dataset/sessionOrder';
import { z } from 'zod';
import type { Timeline } from '../../shared/network/timeline';
import { datasetMappingSchema, type DatasetMapping } from '../../shared/formats/mapping';
import type { MappingChoices } from '../../shared/formats/mappingError';
import type { FrameStatistics } from '../../shared/analysis/frameStatistics';
import type { AnalysisSummary } from '../../shared/analysis/summary';
import { analysisChoicesSchema, type AnalysisSettings } from '../../shared/analysis/settings';
import type { IssueCode } from '../../shared/dataset/issueCodes';
import type { ReaderId } from '../../shared/formats/readerCatalog';
import type { SessionPoint } from '../../shared/network/sessionPoints';
import { HYPOTHESIS_PARAMETERS, type HypothesisModel, type HypothesisOptions } from '../../shared/simulate/hypotheses';

/** Explorer options as they cross to the worker: every parameter within its range. */
const hypothesisOptionsSchema = z.object({
  model: z.enum(['feedback', 'efficient']),
  seed: z.number().int(),
  zeroSignalTrials: z.number().int().min(0).max(1000),
  ...Object.fromEntries(HYPOTHESIS_PARAMETERS.map((p) => [p.key, z.number().min(p.min).max(p.max)])),
}) as unknown as z.ZodType<HypothesisOptions>;

/** Job numbers count up from 1 in the client (analysisClient): a negative or fractional one did not come from it. */
const jobNumber = z.number().int().nonnegative();

/** Messages between the UI thread and the analysis worker, schema-checked on arrival. */
export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), job: jobNumber, seed: z.number().int() }),
  /**
   * The hypothesis explorer: simulate one model and show it; `compare` also sends the other model's
   * session points; `statistics` runs the statistics pass after (not while sliders move: it would hold
   * the cores the next update needs).
   */
  z.object({ kind: z.literal('simulate'), job: jobNumber, options: hypothesisOptionsSchema, compare: z.boolean(), statistics: z.boolean() }),
  z.object({
    /** preview: read with the mapping and report what was found; open: also analyse and show it. */
    kind: z.enum(['preview', 'open']),
    job: jobNumber,
    files: z.array(z.object({ name: z.string().min(1).max(2048), blob: z.instanceof(Blob) })).min(1).max(2000),
    mapping: datasetMappingSchema,
    dropSilent: z.boolean(),
    /** The dialog's analysis choices (ignored by preview). */
    choices: analysisChoicesSchema.optional(),
  }),
  /** Saved results (a Parquet results folder or a results JSON file): drawn without recomputing. */
  z.object({ kind: z.literal('results'), job: jobNumber, files: z.array(z.object({ name: z.string().min(1).max(2048), blob: z.instanceof(Blob) })).min(1).max(100_000) }),
  z.object({ kind: z.literal('cancel'), job: jobNumber }),
  /** Export results: the last statistics pass as `chorus analyze` writes it, and its population values as CSV. */
  z.object({ kind: z.literal('export'), job: jobNumber }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export type WorkerReply =
  | { kind: 'progress'; job: number; done: number; total: number; step: string }
  | { kind: 'loaded'; job: number; timeline: Timeline; warnings: string[]; source: string }
  | { kind: 'preview'; job: number; preview: DatasetPreview }
  | { kind: 'failed'; job: number; issues: ReplyIssue[]; choices: Partial<MappingChoices> | null; found?: FoundSource | null }
  | { kind: 'cancelled'; job: number }
  | { kind: 'statistics-progress'; job: number; done: number; total: number }
  | { kind: 'statistics'; job: number; statistics: AppStatistics; timeline: Timeline }
  | { kind: 'statistics-failed'; job: number; message: string }
  | { kind: 'hypothesis-points'; job: number; model: HypothesisModel; points: SessionPoint[] }
  | { kind: 'export'; job: number; name: string; results: string; population: string }
  | { kind: 'export-failed'; job: number; message: string };


/**
 * What a source that does not read as a dataset yet holds, as `chorus inspect` says it (a suite2p
 * folder's ROIs and cells without its trials CSV, say): shown in the dialog beside what is missing.
 */
export interface FoundSource {
  readonly format: string;
  readonly facts: readonly string[];
}

/** One problem as the UI shows it: the text for people, the code for the UI to act on (never the wording). */
export interface ReplyIssue {
  readonly code?: IssueCode;
  readonly text: string;
}

/** The statistics pass, after the network is on screen: intervals, fixed-N, relevance, the summary. */
export interface AppStatistics {
  readonly frames: readonly FrameStatistics[];
  readonly summary: AnalysisSummary;
  readonly settings: AnalysisSettings;
  readonly fixedNeurons: number | null;
}

/** What the dataset dialog shows before anything is analysed. */
export interface DatasetPreview {
  /** The readers of the chosen files (a dataset may mix formats: NWB sessions with a trials CSV), and their label for people. */
  readonly readers: readonly ReaderId[];
  readonly formatLabel: string;
  readonly name: string;
  readonly neurons: number;
  readonly sessions: readonly { readonly name: string; readonly reader: ReaderId; readonly condition: string; readonly order: number; readonly trials: number; readonly recordedAt: string | null }[];
  /** How the sessions were put in learning order: the orders given, the files' recording dates, or their names. */
  readonly orderRule: OrderRule;
  readonly trialsPerCondition: Readonly<Record<string, number>>;
  readonly stimulusValues: readonly number[];
  readonly epochs: readonly string[];
  readonly hasChoice: boolean;
  readonly warnings: readonly string[];
  /** The mapping as applied (detected fields filled in). */
  readonly mapping: DatasetMapping;
  readonly choices: MappingChoices;
}
