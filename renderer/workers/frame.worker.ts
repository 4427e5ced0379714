/// <reference lib="webworker" />
// One Web Worker of the app's frame pool: the shared job server, bound to this worker's messages. Its
// name carries what the pool lends it (webWorkerPool.ts): kernel threads — with more than one, its large
// products are shared with helper workers (kernelThreads.ts) — and the backend (gpu/pageBackend.ts),
// under which the population's solves and the trial-shuffle nulls' products run on the GPU.
import { serveFrameJobs } from '../../shared/analysis/engine/serveFrameJobs';
import { startKernelThreads } from './kernelThreads';
import { pageBackend, workerAccelerator } from '../gpu/pageBackend';

declare const self: DedicatedWorkerGlobalScope;

const threads = Number(/threads=(\d+)/.exec(self.name)?.[1] ?? 1);
startKernelThreads(threads);
const backend = pageBackend(self.name);
const serve = serveFrameJobs(
  { reply: (message, transfer) => self.postMessage(message, transfer) },
  backend === 'cpu' ? null : workerAccelerator(backend, self.navigator.gpu),
);
self.addEventListener('message', (event: MessageEvent<unknown>) => serve(event.data));
