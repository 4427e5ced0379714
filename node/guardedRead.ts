import { Worker } from 'node:worker_threads';
import { DatasetError } from '../shared/dataset/datasetError';
import { cancelledError } from '../shared/dataset/cancellation';
import { errorOf, parseReadAnswer, type ReadAnswer, type ReadRequest } from './readRequest';

/** Seconds a read may go without a checkpoint before it is stopped (`chorus --read-timeout`). */
export const DEFAULT_READ_TIMEOUT_SECONDS = 60;

/** Seconds the worker may take to start (load, compile the HDF5 library) before a read's clock starts. */
const STARTUP_SECONDS = 60;

export interface ReadGuard {
  /** The built read worker (dist/node/readWorker.mjs). */
  readonly workerUrl: URL;
  readonly timeoutSeconds: number;
  readonly signal?: AbortSignal;
}

const nameOf = (request: ReadRequest) => (request.kind === 'inspect' ? request.path : request.sources.map((s) => ('path' in s ? s.path : s.name)).join(' + '));

/**
 * Reads on a worker thread, each ended when it stops making progress: readers reach a checkpoint at every
 * unit, block, variable and file, so a read that passes none for `timeoutSeconds` is stuck — in practice
 * the HDF5 library looping on a damaged file (the fuzzer found a run of zero bytes in an NWB file that
 * does it), which nothing on its own thread can interrupt. The read is refused as a damaged file, naming
 * the file, and the worker is replaced; Ctrl+C ends it at once. One read at a time; the worker is kept
 * between reads (`close` ends it).
 */
export class ReadWorkerHost {
  private worker: Worker | null = null;
  private started: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private listener: ((answer: ReadAnswer) => void) | null = null;
  private failure: ((error: Error) => void) | null = null;

  constructor(private readonly guard: ReadGuard) {}

  read<T>(request: ReadRequest): Promise<T> {
    const next = this.queue.then(() => this.run<T>(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.started = null;
  }

  /** The worker, started and with its HDF5 library compiled. */
  private start(): Promise<Worker> {
    if (this.started) return this.started;
    const worker = new Worker(this.guard.workerUrl);
    this.worker = worker;
    worker.unref();
    // A replaced worker's last events (its exit after terminate) are not the current read's.
    const current = () => this.worker === worker;
    worker.on('message', (message: unknown) => {
      if (!current()) return;
      try {
        this.listener?.(parseReadAnswer(message));
      } catch (error) {
        this.failure?.(error as Error);
      }
    });
    worker.on('error', (error) => current() && this.failure?.(error));
    worker.on('exit', (code) => {
      if (!current()) return;
      this.close();
      this.failure?.(new Error(`the read worker ended (exit code ${code}) before it answered`));
    });
    this.started = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the read worker did not start within ${STARTUP_SECONDS} s`)), STARTUP_SECONDS * 1000);
      this.listener = (answer) => {
        if (answer.type !== 'ready') return;
        clearTimeout(timer);
        resolve(worker);
      };
      this.failure = (error) => {
        clearTimeout(timer);
        reject(error);
      };
    });
    this.started.catch(() => this.close());
    return this.started;
  }

  private async run<T>(request: ReadRequest): Promise<T> {
    const { signal, timeoutSeconds } = this.guard;
    let file = nameOf(request);
    if (signal?.aborted) throw cancelledError(file);
    const worker = await this.start();
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (done: () => void, replace = false) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.listener = null;
        this.failure = null;
        if (replace) this.close();
        done();
      };
      const stalled = () =>
        settle(
          () =>
            reject(
              new DatasetError([
                {
                  severity: 'error',
                  code: 'damaged-file',
                  file,
                  field: '(file)',
                  message: `was still being read after ${timeoutSeconds} s without progress and was stopped: the file is damaged in a way that sends the reading library into a loop (or, if it is very large and on a slow disk, raise --read-timeout)`,
                },
              ]),
            ),
          true,
        );
      const armed = () => {
        clearTimeout(timer);
        timer = setTimeout(stalled, timeoutSeconds * 1000);
      };
      const onAbort = () => settle(() => reject(cancelledError(file)), true);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.listener = (answer) => {
        if (answer.type === 'beat') {
          file = answer.file || file;
          armed();
        } else if (answer.type === 'done') settle(() => resolve(answer.value as T));
        else if (answer.type !== 'ready') settle(() => reject(errorOf(answer)));
      };
      this.failure = (error) => settle(() => reject(error), true);
      armed();
      worker.postMessage(request);
    });
  }
}

/** One guarded read on a worker of its own, ended with the read. */
export async function guardedRead<T>(request: ReadRequest, guard: ReadGuard): Promise<T> {
  const host = new ReadWorkerHost(guard);
  try {
    return await host.read<T>(request);
  } finally {
    host.close();
  }
}
