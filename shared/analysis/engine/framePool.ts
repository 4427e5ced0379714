import type { Dataset } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { throwIfAborted } from '../../dataset/cancellation';
import { executeFrameJob, executeFrameJobAsync, type FrameJob, type FrameJobResult } from './frameJobs';
import type { Accelerator } from '../accelerator';

export interface PoolRunOptions {
  readonly signal?: AbortSignal;
  /** Called as each job finishes, in completion order. */
  readonly onResult?: (index: number, result: FrameJobResult) => void;
}

/**
 * Where the engine's frame jobs run: in this thread, or on workers (worker_threads in the CLI, Web Workers
 * in the app — see WorkerPool). A pool holds a run's dataset only while the run lasts.
 */
export interface FramePool {
  /**
   * Runs every job on the dataset and resolves with the results by job index. Rejects with a DatasetError:
   * the first job's failure, or the 'cancelled' issue once `signal` aborts.
   */
  run(dataset: Dataset, jobs: readonly FrameJob[], options?: PoolRunOptions): Promise<FrameJobResult[]>;
  /** Ends the pool's workers (the owner calls this when it is done with the pool). */
  terminate(): void;
}

/**
 * Runs the jobs one after another in this thread. `yieldNow` lets the caller's event loop breathe between
 * frames (a worker sees its cancel message, the CLI its Ctrl+C); shared/ has no timers of its own. With
 * `accelerator`, the jobs run on it (executeFrameJobAsync).
 */
export function inlinePool(yieldNow: () => Promise<void> = () => Promise.resolve(), accelerator: Accelerator | null = null): FramePool {
  return {
    async run(dataset, jobs, options = {}) {
      const results: FrameJobResult[] = [];
      for (const [index, job] of jobs.entries()) {
        throwIfAborted(options.signal);
        results.push(accelerator ? await executeFrameJobAsync(dataset, job, accelerator).catch((error: unknown) => Promise.reject(asDatasetError(error))) : executeOrIssue(dataset, job));
        options.onResult?.(index, results[index]!);
        await yieldNow();
        throwIfAborted(options.signal);
      }
      return results;
    },
    terminate() {},
  };
}

/** One job, with anything that is not a DatasetError turned into one (code 'internal'), as workers report it. */
export function executeOrIssue(dataset: Dataset, job: FrameJob): FrameJobResult {
  try {
    return executeFrameJob(dataset, job);
  } catch (error) {
    throw asDatasetError(error);
  }
}

export function asDatasetError(error: unknown): DatasetError {
  if (error instanceof DatasetError) return error;
  return new DatasetError([{ severity: 'error', code: 'internal', field: '', message: `unexpected failure: ${(error as Error)?.message ?? String(error)}` }]);
}
