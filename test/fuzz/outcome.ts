import { BrokenInvariant, namesFileAndField, type FuzzFile, type FuzzTarget } from './targets';

/**
 * What one case did. `read` and `clean-error` are fine; the rest fail the run:
 * - `crash`: any other exception (a TypeError, a WebAssembly trap, a DatasetError that names no file or
 *   field, an accepted input that breaks an invariant), or the worker process dying of something else;
 * - `hang`: no answer within the per-case timeout;
 * - `blow-up`: the worker's resident memory passed the per-case limit (or V8 ran out of heap).
 */
export const OUTCOMES = ['read', 'clean-error', 'crash', 'hang', 'blow-up'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FAILING: ReadonlySet<Outcome> = new Set(['crash', 'hang', 'blow-up']);

/** A case as it travels to a worker process (structured clone keeps the bytes). */
export interface CaseRequest {
  readonly id: number;
  readonly target: string;
  readonly files: readonly FuzzFile[];
}

/** A worker's answer: its outcome, the error's first line for failures, and its resident memory after the case. */
export interface CaseReply {
  readonly id: number;
  readonly outcome: 'read' | 'clean-error' | 'crash';
  readonly message?: string;
  readonly rssBytes: number;
}

/** Reads a case in this process and classifies what happened. */
export async function runCase(target: FuzzTarget, files: readonly FuzzFile[]): Promise<{ outcome: CaseReply['outcome']; message?: string }> {
  try {
    await target.run(files);
    return { outcome: 'read' };
  } catch (error) {
    const clean = !(error instanceof BrokenInvariant) && (target.isCleanError ?? namesFileAndField)(error);
    return clean ? { outcome: 'clean-error' } : { outcome: 'crash', message: describeError(error) };
  }
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${typeof error}: ${String(error).slice(0, 200)}`;
  const where = error.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim();
  return `${error.name}: ${error.message.split('\n')[0]!.slice(0, 300)}${where ? ` (${where.slice(0, 160)})` : ''}`;
}
