import { DatasetError } from './datasetError';

/**
 * A read or an analysis the caller no longer wants stops with a DatasetError whose one issue has code
 * 'cancelled', so every caller tells a cancel from a problem with the data by the code alone.
 * (Shared by the readers and the analysis engine: do not add a second cancellation type.)
 */
export function cancelledError(file?: string): DatasetError {
  return new DatasetError([{ severity: 'error', code: 'cancelled', ...(file ? { file } : {}), field: file ? '(reading)' : '', message: 'was cancelled' }]);
}

export function throwIfAborted(signal: AbortSignal | undefined, file?: string): void {
  if (signal?.aborted) throw cancelledError(file);
}

export function isCancellation(error: unknown): boolean {
  return error instanceof DatasetError && error.issues.some((issue) => issue.code === 'cancelled');
}
