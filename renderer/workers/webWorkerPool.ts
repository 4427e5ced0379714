import { WorkerPool } from '../../shared/analysis/engine/workerPool';

/**
 * The app's frame pool: Web Workers (nested in the analysis worker, so they end with it). Each receives its
 * own structured-clone copy of a run's dataset and drops it when the run ends.
 */
export function webWorkerPool(size: number): WorkerPool {
  return new WorkerPool(() => {
    const worker = new Worker(new URL('./frame.worker.ts', import.meta.url), { type: 'module' });
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
