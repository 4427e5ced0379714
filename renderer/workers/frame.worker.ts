/// <reference lib="webworker" />
// One Web Worker of the app's frame pool: the shared job server, bound to this worker's messages. Its
// name carries the kernel threads the pool lends it (webWorkerPool.ts): with more than one, its large
// products are shared with helper workers (kernelThreads.ts).
import { serveFrameJobs } from '../../shared/analysis/engine/serveFrameJobs';
import { startKernelThreads } from './kernelThreads';

declare const self: DedicatedWorkerGlobalScope;

const threads = Number(/threads=(\d+)/.exec(self.name)?.[1] ?? 1);
startKernelThreads(threads);
const serve = serveFrameJobs({ reply: (message, transfer) => self.postMessage(message, transfer) });
self.addEventListener('message', (event: MessageEvent<unknown>) => serve(event.data));
