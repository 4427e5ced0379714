import { z } from 'zod';
import type { Timeline } from '../../shared/network/timeline';

/** Messages between the UI thread and the analysis worker, schema-checked on arrival. */
export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), job: z.number().int(), seed: z.number().int() }),
  z.object({
    kind: z.literal('open'),
    job: z.number().int(),
    name: z.string(),
    bytes: z.instanceof(Uint8Array),
    dropSilent: z.boolean(),
  }),
  z.object({ kind: z.literal('cancel'), job: z.number().int() }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export type WorkerReply =
  | { kind: 'progress'; job: number; done: number; total: number; step: string }
  | { kind: 'loaded'; job: number; timeline: Timeline; warnings: string[]; source: string }
  | { kind: 'failed'; job: number; messages: string[]; canDropSilent: boolean }
  | { kind: 'cancelled'; job: number };
