import { z } from 'zod';
import type { Timeline } from '../../shared/network/timeline';
import type { FrameStatistics } from '../../shared/analysis/frameStatistics';
import type { AnalysisSummary } from '../../shared/analysis/summary';
import type { AnalysisSettings } from '../../shared/analysis/settings';

/** Messages between the UI thread and the analysis worker, schema-checked on arrival. */
export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), job: z.number().int(), seed: z.number().int() }),
  z.object({
    kind: z.literal('open'),
    job: z.number().int(),
    files: z.array(z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) })).min(1),
    dropSilent: z.boolean(),
  }),
  z.object({ kind: z.literal('cancel'), job: z.number().int() }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export type WorkerReply =
  | { kind: 'progress'; job: number; done: number; total: number; step: string }
  | { kind: 'loaded'; job: number; timeline: Timeline; warnings: string[]; source: string }
  | { kind: 'failed'; job: number; messages: string[]; canDropSilent: boolean }
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
