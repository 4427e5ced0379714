import { z } from 'zod';
import { DatasetError } from '../shared/dataset/datasetError';
import type { DatasetIssue } from '../shared/dataset/types';
import { MappingError } from '../shared/formats/mappingError';
import type { DatasetMapping } from '../shared/formats/mapping';

/**
 * What the CLI asks its read worker (node/readWorker.ts) to read, and how the answer comes back. Files are
 * paths (the worker opens them) or bytes (the fuzzer's cases). Errors cross as data: a DatasetError (or
 * MappingError, with the choices the dialog or flags can make) is rebuilt on this side.
 */
export type ReadSource = { readonly path: string } | { readonly name: string; readonly bytes: Uint8Array };

export type ReadRequest =
  | { readonly kind: 'inspect'; readonly path: string; readonly sources: readonly ReadSource[] | null; readonly mapping: DatasetMapping; readonly memoryLimit: number }
  | {
      readonly kind: 'open';
      readonly sources: readonly ReadSource[];
      readonly matching: ReadSource | null;
      readonly mapping: DatasetMapping;
      readonly dropSilent: boolean;
      readonly memoryLimit: number;
    };

export type ReadAnswer =
  | { readonly type: 'ready' }
  | { readonly type: 'beat'; readonly file: string }
  | { readonly type: 'done'; readonly value: unknown }
  | { readonly type: 'refused'; readonly issues: DatasetIssue[]; readonly choices: unknown }
  | { readonly type: 'failed'; readonly name: string; readonly message: string; readonly stack: string };

const answerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('beat'), file: z.string() }),
  z.object({ type: z.literal('done'), value: z.unknown() }),
  z.object({ type: z.literal('refused'), issues: z.array(z.record(z.string(), z.unknown())), choices: z.unknown() }),
  z.object({ type: z.literal('failed'), name: z.string(), message: z.string(), stack: z.string() }),
]);

/** A worker's message, checked: anything else is a broken worker, said as such. */
export function parseReadAnswer(message: unknown): ReadAnswer {
  const parsed = answerSchema.safeParse(message);
  if (!parsed.success) throw new Error(`the read worker sent a message Chorus does not know: ${JSON.stringify(message).slice(0, 200)}`);
  return parsed.data as ReadAnswer;
}

export function answerOf(error: unknown): ReadAnswer {
  if (error instanceof DatasetError) return { type: 'refused', issues: [...error.issues], choices: error instanceof MappingError ? error.choices : null };
  const e = error instanceof Error ? error : new Error(String(error));
  return { type: 'failed', name: e.name, message: e.message, stack: e.stack ?? '' };
}

/** The error a refused or failed answer stands for, rebuilt with its class. */
export function errorOf(answer: Extract<ReadAnswer, { type: 'refused' | 'failed' }>): Error {
  if (answer.type === 'refused') {
    return answer.choices !== null && answer.choices !== undefined ? new MappingError(answer.issues, answer.choices as MappingError['choices']) : new DatasetError(answer.issues);
  }
  const error = new Error(answer.message);
  error.name = answer.name;
  error.stack = answer.stack;
  return error;
}
