import { WorkerPool } from '../../shared/analysis/engine/workerPool';
import { kernelThreadsFor } from './kernelThreads';
import type { Backend } from '../../shared/analysis/gpu/backend';

/**
 * The app's frame pool: Web Workers (nested in the analysis worker, so they end with it). Each receives its
 * own structured-clone copy of a run's dataset and drops it when the run ends, and shares its large
 * products with helper threads when the machine has more cores than the pool has workers (kernelThreads.ts).
 */
export function webWorkerPool(size: number, backend: Backend = 'auto'): WorkerPool {
  const threads = kernelThreadsFor(self.navigator.hardwareConcurrency || 1, size, Boolean((self as { crossOriginIsolated?: boolean }).crossOriginIsolated));
  return new WorkerPool(() => {
    const worker = new Worker(new URL('./frame.worker.ts', import.meta.url), { type: 'module', name: `chorus frame worker threads=${threads} backend=${backend}` });
    return {
      post: (message) => worker.postMessage(message),
      listen: (onMessage, onCrash) => {
        worker.addEventListener('message', (event: MessageEvent<unknown>) => onMessage(event.data));
        worker.addEventListener('error', (event) => onCrash(event.message || 'worker error'));
        worker.addEventListener('messageerror', () => onCrash('a message could not be read'));
      },
      terminate: () => worker.terminate(),
    };
  }, size);
}
