import type { Dataset } from '../../dataset/types';
import { poolRequestSchema, type PoolReply } from './poolProtocol';
import { asDatasetError, executeOrIssue } from './framePool';
import { executeFrameJobAsync, type FrameJobResult } from './frameJobs';
import type { Accelerator } from '../accelerator';

/** The worker end of a WorkerPool, whatever the runtime: it is given a way to answer and is handed each message. */
export interface PoolHost {
  reply(message: PoolReply, transfer: ArrayBuffer[]): void;
}

/**
 * Serves frame jobs in a worker: keeps the current run's dataset, answers each job with its result (typed
 * arrays transferred, not copied) or with its issues, and forgets the dataset when the run is released.
 * Returns the message handler for the runtime's message event. With `accelerator` (a promise of the GPU
 * backend, or of null where there is none), frames run on it (executeFrameJobAsync).
 */
export function serveFrameJobs(host: PoolHost, accelerator: Promise<Accelerator | null> | null = null): (message: unknown) => void {
  let current: { run: number; dataset: Dataset } | null = null;
  return (message) => {
    const parsed = poolRequestSchema.safeParse(message);
    if (!parsed.success) return; // only the pool posts here; anything else is not ours to answer
    const request = parsed.data;
    if (request.kind === 'dataset') current = { run: request.run, dataset: request.dataset };
    else if (request.kind === 'release') {
      if (current?.run === request.run) current = null;
    } else if (current?.run !== request.run) {
      host.reply({ kind: 'failed', run: request.run, index: request.index, issues: asDatasetError(new Error('a job arrived without its dataset')).issues }, []);
    } else {
      const { run, index, job } = request;
      const fail = (error: unknown) => host.reply({ kind: 'failed', run, index, issues: asDatasetError(error).issues }, []);
      const answer = (result: FrameJobResult) => host.reply({ kind: 'result', run, index, result }, buffersOf(result));
      if (accelerator) {
        const dataset = current.dataset;
        void accelerator.then((device) => (device ? executeFrameJobAsync(dataset, job, device) : executeOrIssue(dataset, job))).then(answer, fail);
        return;
      }
      try {
        answer(executeOrIssue(current.dataset, job));
      } catch (error) {
        fail(error);
      }
    }
  };
}

/** The distinct buffers of a result's typed arrays (one level deep, which is where results keep them). */
function buffersOf(result: FrameJobResult): ArrayBuffer[] {
  const holder: object =
    result.kind === 'plan' ? { ...result.plan, information: result.information } : result.kind === 'frame' ? result.frame : result.kind === 'measures' ? result.measures : result.block;
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(holder)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  }
  return [...buffers];
}
