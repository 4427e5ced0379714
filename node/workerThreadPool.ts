import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../shared/analysis/engine/workerPool';
import type { Backend } from '../shared/analysis/gpu/backend';

/**
 * The CLI's frame pool: worker_threads running the built frame worker (dist/node/frameWorker.mjs). Each
 * worker receives its own structured-clone copy of a run's dataset and drops it when the run ends, and
 * shares its large products with `kernelThreads` − 1 helper threads of its own (node/kernelThreads.ts).
 * With the `gpu` backend each worker opens its own WebGPU device (node/nodeGpu.ts).
 */
export function workerThreadPool(workerUrl: URL, size: number, kernelThreads = 1, backend: Backend = 'cpu'): WorkerPool {
  return new WorkerPool(() => {
    const worker = new Worker(workerUrl, { workerData: { kernelThreads, backend } });
    // Idle workers must not keep the CLI alive; the pool's owner terminates them when it is done.
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      listen: (onMessage, onCrash) => {
        worker.on('message', onMessage);
        worker.on('error', (error) => onCrash(error.message));
        worker.on('exit', (code) => onCrash(`exited with code ${code}`));
      },
      terminate: () => void worker.terminate(),
    };
  }, size);
}
