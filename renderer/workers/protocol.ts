import { z } from 'zod';
import type { Timeline } from '../../shared/network/timeline';
import { datasetMappingSchema, type DatasetMapping } from '../../shared/formats/mapping';
import type { MappingChoices } from '../../shared/formats/mappingError';
import type { FrameStatistics } from '../../shared/analysis/frameStatistics';
import type { AnalysisSummary } from '../../shared/analysis/summary';
import type { AnalysisSettings } from '../../shared/analysis/settings';

/** Messages between the UI thread and the analysis worker, schema-checked on arrival. */
export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), job: z.number().int(), seed: z.number().int() }),
  z.object({
    /** preview: read with the mapping and report what was found; open: also analyse and show it. */
    kind: z.enum(['preview', 'open']),
    job: z.number().int(),
    files: z.array(z.object({ name: z.string().min(1).max(2048), blob: z.instanceof(Blob) })).min(1).max(2000),
    mapping: datasetMappingSchema,
    dropSilent: z.boolean(),
  }),
  z.object({ kind: z.literal('cancel'), job: z.number().int() }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export type WorkerReply =
  | { kind: 'progress'; job: number; done: number; total: number; step: string }
  | { kind: 'loaded'; job: number; timeline: Timeline; warnings: string[]; source: string }
  | { kind: 'preview'; job: number; preview: DatasetPreview }
  | { kind: 'failed'; job: number; messages: string[]; canDropSilent: boolean; choices: Partial<MappingChoices> | null }
  | { kind: 'cancelled'; job: number }
  | { kind: 'statistics-progress'; job: number; done: number; total: number }
  | { kind: 'statistics'; job: number; statistics: AppStatistics }
  | { kind: 'statistics-failed'; job: number; message: string };

/** The statistics pass, after the network is on screen: intervals, fixed-N, relevance, the summary. */
export interface AppStatistics {
  readonly frames: readonly FrameStatistics[];
  readonly summary: AnalysisSummary;
  readonly settings: AnalysisSettings;
  readonly fixedNeurons: number | null;
}

/** What the dataset dialog shows before anything is analysed. */
export interface DatasetPreview {
  readonly format: string;
  readonly name: string;
  readonly neurons: number;
  readonly sessions: readonly { readonly name: string; readonly format: string; readonly condition: string; readonly order: number; readonly trials: number }[];
  readonly trialsPerCondition: Readonly<Record<string, number>>;
  readonly stimulusValues: readonly number[];
  readonly epochs: readonly string[];
  readonly hasChoice: boolean;
  readonly warnings: readonly string[];
  /** The mapping as applied (detected fields filled in). */
  readonly mapping: DatasetMapping;
  readonly choices: MappingChoices;
}
