import type { Dataset } from '../../dataset/types';
import { DatasetError } from '../../dataset/datasetError';
import { cancelledError } from '../../dataset/cancellation';
import type { FrameJob, FrameJobResult } from './frameJobs';
import type { FramePool, PoolRunOptions } from './framePool';
import { poolReplySchema, type PoolRequest } from './poolProtocol';

/** One worker as the pool sees it; the CLI wraps a worker_threads Worker, the app a Web Worker. */
export interface WorkerPort {
  post(message: PoolRequest): void;
  /** Registers the pool's listeners (called once per port). */
  listen(onMessage: (message: unknown) => void, onCrash: (reason: string) => void): void;
  terminate(): void;
}

/**
 * The one dispatch loop over workers: each worker gets the run's dataset once, then one job at a time, the
 * next as soon as it answers. Frames are independent once the run's context is fixed and each frame seeds
 * its own draws, so the result does not depend on the number of workers. When a run ends — done, failed,
 * cancelled or superseded — every worker is told to drop the dataset.
 */
export class WorkerPool implements FramePool {
  private ports: WorkerPort[] | null = null;
  private runNumber = 0;
  /** Settles the run in progress when a worker crashes or a new run supersedes it. */
  private interrupt: ((error: DatasetError) => void) | null = null;

  constructor(
    private readonly createPort: () => WorkerPort,
    private readonly size: number,
  ) {}

  run(dataset: Dataset, jobs: readonly FrameJob[], options: PoolRunOptions = {}): Promise<FrameJobResult[]> {
    this.interrupt?.(cancelledError());
    const run = ++this.runNumber;
    const ports = this.portsFor(Math.min(Math.max(1, this.size), Math.max(1, jobs.length)));
    const results: FrameJobResult[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    return new Promise<FrameJobResult[]>((resolve, reject) => {
      const settle = (error: DatasetError | null) => {
        if (this.interrupt !== finish) return;
        this.interrupt = null;
        options.signal?.removeEventListener('abort', onAbort);
        for (const port of ports) port.post({ kind: 'release', run });
        if (error) reject(error);
        else resolve(results);
      };
      const finish = (error: DatasetError) => settle(error);
      const onAbort = () => settle(cancelledError());
      this.interrupt = finish;
      if (options.signal?.aborted) return settle(cancelledError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (jobs.length === 0) return settle(null);

      const feed = (port: WorkerPort) => {
        if (next >= jobs.length) return;
        const index = next++;
        port.post({ kind: 'job', run, index, job: jobs[index]! });
      };
      this.onReply = (port, message) => {
        const parsed = poolReplySchema.safeParse(message);
        if (!parsed.success) return settle(internal(`a frame worker sent a malformed reply (${parsed.error.issues[0]?.message ?? 'unknown'})`));
        const reply = parsed.data;
        if (reply.run !== run) return; // a late reply of an earlier run
        if (reply.kind === 'failed') return settle(new DatasetError(reply.issues));
        results[reply.index] = reply.result;
        options.onResult?.(reply.index, reply.result);
        if (++done === jobs.length) settle(null);
        else feed(port);
      };
      for (const port of ports) {
        port.post({ kind: 'dataset', run, dataset });
        feed(port);
      }
    });
  }

  terminate(): void {
    this.interrupt?.(cancelledError());
    for (const port of this.ports ?? []) port.terminate();
    this.ports = null;
  }

  private onReply: (port: WorkerPort, message: unknown) => void = () => {};

  /** The pool's workers, started on first use; a crash ends them all so the next run starts clean. */
  private portsFor(count: number): WorkerPort[] {
    if (this.ports === null) {
      this.ports = Array.from({ length: Math.max(1, this.size) }, () => {
        const port = this.createPort();
        port.listen(
          (message) => this.onReply(port, message),
          (reason) => {
            this.interrupt?.(internal(`a frame worker stopped: ${reason}`));
            this.terminate();
          },
        );
        return port;
      });
    }
    return this.ports.slice(0, count);
  }
}

function internal(message: string): DatasetError {
  return new DatasetError([{ severity: 'error', code: 'internal', field: '', message }]);
}
